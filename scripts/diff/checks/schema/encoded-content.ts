import type { SchemaCheck } from "../../schema/compare.js";
import { keyword } from "../../schema/view.js";
import { code } from "../../text.js";
import { compareKeyword, keywordIds, pointersOf } from "./keyword.js";

const schemaIds = keywordIds(
  "request-content-schema-tightened",
  "request-content-schema-relaxed",
  "response-content-schema-tightened",
  "response-content-schema-relaxed",
);

/**
 * What a string holds: `contentMediaType` and `contentEncoding` say how to read it, `contentSchema` what it decodes to.
 * A reader that decodes the old way fails on the new content, so a changed encoding breaks either side; one the
 * writer must now follow (added to a request) breaks old clients, one dropped from a response leaves readers guessing.
 */
export const encodedContent: SchemaCheck = (pair) => {
  for (const name of ["contentMediaType", "contentEncoding"]) {
    const [before, after] = [keyword(pair.old, name), keyword(pair.new, name)];
    if (before?.value === after?.value) continue;
    const at = pointersOf(pair, name);
    const detail = !before
      ? `\`${name}\` ${code(after?.value)} added`
      : !after
        ? `\`${name}\` ${code(before.value)} removed`
        : `\`${name}\` changed from ${code(before.value)} to ${code(after.value)}`;
    if (pair.dir === "request") pair.report(after ? "request-encoded-content-changed" : "request-content-schema-relaxed", detail, at);
    else pair.report(before ? "response-encoded-content-changed" : "response-content-schema-tightened", detail, at);
  }
  compareKeyword(pair, schemaIds, "contentSchema");
};
