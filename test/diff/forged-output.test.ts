import { describe, expect, it } from "vitest";
import { formatReport } from "../../scripts/diff/format/index.js";
import type { DiffReport } from "../../scripts/diff/types.js";
import { main } from "../../scripts/main.js";
import { recordingIo } from "../helpers/io.js";
import { markdownText, visible } from "../../scripts/lib/escape.js";

// Everything a spec writes reaches the output: its title, version, paths, enum values, and messages quoting them.
// A runner reads stdout and stderr for workflow commands, a terminal obeys escape sequences, and a pull request
// renders Markdown. None of it may act.
const FORGERIES = [
  "\n::error file=src/app.ts,line=1::forged",
  "\r\n::add-mask::secret",
  "\n::stop-commands::token",
  "\u001b]8;;https://attacker.example\u0007click\u001b]8;;\u0007",
  "\u001b[2J\u001b[31mred",
  "\u2028::error::after a line separator",
  "\u202eevil",
];
const MARKDOWN = [
  "\n## No breaking changes",
  '<img src="https://tracker.example/pixel.gif">',
  "@octocat and @org/team",
  "[click](javascript:alert(1))",
  "https://attacker.example/phish",
  "<!-- hide the rest",
  "`code` | cell | break",
  "*emphasis* _more_ ~~gone~~",
];

function hostileReport(text: string): DiffReport {
  const none = { breaking: 0, risky: 0, safe: 0 };
  return {
    old: { title: `T${text}`, version: `1${text}` },
    new: { title: `T${text}`, version: `2${text}` },
    summary: { wire: { ...none, breaking: 1 }, types: { ...none, breaking: 1 } },
    changes: [
      {
        id: "response-enum-value-added",
        wire: "breaking",
        types: "breaking",
        method: "get",
        path: `/a${text}`,
        oldPath: `/old${text}`,
        pointer: { new: "/paths/a" },
        message: `enum value \`x${text}\` added`,
      },
    ],
  } as DiffReport;
}

/** A line that a runner would read as a workflow command, or a terminal escape. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const acts = (output: string) => output.split(/\r\n|\n|\r|\u2028|\u2029/).some((line) => /^\s*::/.test(line)) || /[\u001b\u0007\u009b]/.test(output);

describe("no document text can forge output", () => {
  it.each(FORGERIES)("text and markdown show %j inert, on one line", (forged) => {
    for (const format of ["text", "markdown"] as const) {
      const output = formatReport(hostileReport(forged), format, { color: false });
      expect(acts(output)).toBe(false);
      expect(output).not.toContain("\u202e");
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect(visible(forged)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  });

  it.each(MARKDOWN)("markdown renders %j as text: no heading, tag, mention, link or broken table", (forged) => {
    const output = formatReport(hostileReport(forged), "markdown");
    const lines = output.split("\n");
    expect(lines.filter((line) => line.startsWith("## "))).toHaveLength(1);
    expect(output).not.toMatch(/<img|<!--|(?<!\\)\]\(javascript:|(^|[^\\])@(?!\u200b)|https:\/\//);
    // Every table row still has its four cells: escaped pipes don't split them.
    for (const line of lines.filter((row) => row.startsWith("| ") && !row.startsWith("| wire |"))) {
      expect(line.split(/(?<!\\)\|/).length).toBe(6);
    }
    expect(markdownText(forged)).not.toMatch(/[<>]/);
  });

  it("keeps stderr to one inert line when a document's text is quoted in an error", async () => {
    const hostile = JSON.stringify({
      openapi: "3.0.0",
      info: { title: "x", version: "1" },
      paths: { "/a": { get: { responses: { 200: { $ref: "#/nowhere\n::error::forged\u001b[2J" } } } } },
    });
    const io = recordingIo({ readStdin: async () => hostile });
    const code = await main(["diff", "test/fixtures/diff/files/tokens-v1.yaml", "-"], io);
    expect(code).toBe(2);
    expect(acts(io.err())).toBe(false);
    expect(io.err().trimEnd().split("\n")).toHaveLength(1);
  });
});
