import { describe, expect, it } from "vitest";
import { formatReport } from "../../scripts/diff/format/index.js";
import type { DiffReport } from "../../scripts/diff/types.js";

const info = { title: "Tokens", version: "1" };
const none = { breaking: 0, risky: 0, safe: 0 };

const report: DiffReport = {
  old: info,
  new: { ...info, version: "2" },
  summary: { wire: { ...none, safe: 1, breaking: 1 }, types: { ...none, breaking: 2 } },
  changes: [
    {
      id: "component-renamed",
      wire: "safe",
      types: "breaking",
      pointer: { old: "/components/schemas/A", new: "/components/schemas/B" },
      message: "schemas component `A` renamed to `B`",
    },
    {
      id: "response-type-widened",
      wire: "breaking",
      types: "breaking",
      operations: [
        { method: "get", path: "/a" },
        { method: "post", path: "/b" },
      ],
      pointer: { old: "/components/schemas/B/properties/v", new: "/components/schemas/B/properties/v" },
      message: "Schema `B`, field `v` (in responses): type widened from `string` to `integer` | `string`",
    },
  ],
};

describe("formatReport", () => {
  it("shows a change shared by several operations once, with the operations it touches", () => {
    const text = formatReport(report, "text");
    expect(text).toContain("Several operations\n  wire: breaking  types: breaking  response-type-widened");
    expect(text).toContain("      in GET /a, POST /b");
  });

  it("puts the groups with a breaking change first", () => {
    const text = formatReport(report, "text");
    expect(text.indexOf("Several operations")).toBeLessThan(text.indexOf("Whole API"));
  });

  it("escapes table separators in Markdown cells", () => {
    expect(formatReport(report, "markdown")).toContain("`integer` \\| `string`<br>in GET /a, POST /b |");
  });

  it("says so when nothing changed", () => {
    const empty = { ...report, summary: { wire: none, types: none }, changes: [] };
    expect(formatReport(empty, "text")).toContain("\n\nNo changes.\n");
    expect(formatReport(empty, "markdown")).toContain("\n\nNo changes.\n");
  });

  it("writes JSON that reads back as the report", () => {
    expect(JSON.parse(formatReport(report, "json"))).toEqual(report);
  });
});
