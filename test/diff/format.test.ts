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
    expect(formatReport(report, "markdown")).toContain("\\`integer\\` \\| \\`string\\`<br>in GET /a, POST /b |");
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

describe("GitHub Actions annotations", () => {
  it("name the target file and the line its finder gives, with the change's pointers", () => {
    const asked: unknown[] = [];
    const line = (pointer: unknown) => {
      asked.push(pointer);
      return 12;
    };
    const text = formatReport(report, "githubactions", { annotate: { file: "specs/new.yaml", line } });
    expect(text.split("\n").slice(0, 2)).toEqual([
      "::error file=specs/new.yaml,line=12,title=component-renamed::schemas component `A` renamed to `B` (wire: safe, types: breaking)",
      "::error file=specs/new.yaml,line=12,title=response-type-widened::in GET /a, POST /b: Schema `B`, field `v` (in responses): type widened from `string` to `integer` | `string` (wire: breaking, types: breaking)",
    ]);
    expect(asked).toEqual(report.changes.map((change) => change.pointer));
  });

  it("leave line= out when the finder knows none, and file= without a target", () => {
    expect(formatReport(report, "githubactions", { annotate: { file: "new.yaml", line: () => undefined } })).toMatch(/^::error file=new\.yaml,title=/);
    expect(formatReport(report, "githubactions")).toMatch(/^::error title=component-renamed::/);
  });

  it("escape what the document and the command line put in them, so neither can end a command or forge one", () => {
    const hostile: DiffReport = {
      ...report,
      changes: [{ ...report.changes[0]!, wire: "breaking", message: "100% sure\r\n::error title=forged::all clear" }],
    };
    const text = formatReport(hostile, "githubactions", { annotate: { file: "a,line=1:b%\n::warning::x" } });
    expect(text.split("\n")).toEqual([
      "::error file=a%2Cline=1%3Ab%25%0A%3A%3Awarning%3A%3Ax,title=component-renamed::100%25 sure%0D%0A::error title=forged::all clear (wire: breaking, types: breaking)",
      "wire: 1 breaking, 0 risky, 1 safe; types: 2 breaking, 0 risky, 0 safe",
      "",
    ]);
  });
});
