import { describe, expect, it } from "vitest";
import { applyIgnore, parseIgnore } from "../../scripts/diff/ignore.js";
import { diffSpecs } from "../../scripts/diff/index.js";
import type { DiffReport } from "../../scripts/diff/types.js";

const none = { breaking: 0, risky: 0, safe: 0 };
const report: DiffReport = {
  old: { title: "T", version: "1" },
  new: { title: "T", version: "2" },
  summary: { wire: { ...none, breaking: 1 }, types: { ...none, breaking: 1 } },
  changes: [
    {
      id: "response-property-removed",
      wire: "breaking",
      types: "breaking",
      operations: [
        { method: "get", path: "/a" },
        { method: "get", path: "/b" },
      ],
      pointer: { old: "/components/schemas/A/properties/x" },
      message: "Schema `A`, field `x` (in responses): removed",
    },
  ],
};

describe("ignore files", () => {
  it("read oasdiff's format: METHOD /path and the rest, comments and blank lines skipped", () => {
    expect(parseIgnore("# note\n\nGET /a  field `x`\nserver-removed\r\nPOST webhooks/tokenRevoked webhook-removed")).toEqual([
      { method: "get", path: "/a", text: "field `x`" },
      { text: "server-removed" },
      { method: "post", path: "webhooks/tokenRevoked", text: "webhook-removed" },
    ]);
  });

  it("take a shared change off the operations they name, and drop it when none is left", () => {
    const one = applyIgnore(report, parseIgnore("GET /a response-property-removed"));
    const { operations: _, ...shared } = report.changes[0] ?? { operations: [] };
    expect(one.changes).toEqual([{ ...shared, method: "get", path: "/b" }]);
    expect(one.summary.wire.breaking).toBe(1);
    const both = applyIgnore(report, parseIgnore("GET /a response-property-removed\nGET /b FIELD `X`"));
    expect(both).toMatchObject({ changes: [], summary: { wire: none, types: none } });
  });

  it("name a webhook by where it is in the document, which has no space to split on", () => {
    const info = { title: "T", version: "1" };
    const webhooks = { tokenRevoked: { post: { responses: { "200": { description: "ok" } } } } };
    const removed = diffSpecs({ openapi: "3.1.0", info, webhooks }, { openapi: "3.1.0", info });
    expect(removed.changes).toMatchObject([{ id: "webhook-removed", method: "post", path: "webhooks/tokenRevoked" }]);
    expect(applyIgnore(removed, parseIgnore("POST webhooks/tokenRevoked webhook-removed")).changes).toEqual([]);
  });
});
