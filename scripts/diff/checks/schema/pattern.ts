import type { SchemaCheck } from "../../schema/compare.js";
import { keywordValues, type SchemaView } from "../../schema/view.js";
import { code, codes } from "../../text.js";
import { report } from "./constraints.js";

/** `pattern`: one added narrows, one removed widens; one replaced by another can go either way, so it is risky. */
export const pattern: SchemaCheck = (pair) => {
  const [before, after] = [patterns(pair.old), patterns(pair.new)];
  const added = after.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !after.includes(p));
  if (added.length === 1 && removed.length === 1) {
    pair.report(
      pair.dir === "request" ? "request-pattern-changed" : "response-pattern-changed",
      `\`pattern\` changed from ${code(removed[0])} to ${code(added[0])}`,
    );
    return;
  }
  if (added.length > 0) report(pair, true, "pattern", `\`pattern\` ${codes(added)} added`);
  if (removed.length > 0) report(pair, false, "pattern", `\`pattern\` ${codes(removed)} removed`);
};

/** The patterns that constrain: an empty one matches every string, so it is no pattern. */
function patterns(view: SchemaView): string[] {
  return keywordValues(view, "pattern").filter((value): value is string => typeof value === "string" && value !== "");
}
