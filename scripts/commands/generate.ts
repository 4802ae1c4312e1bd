import path from "node:path";
import { readDir, recoverDir, recoverFiles, replaceDir } from "../lib/atomic.js";
import { EXIT, exitCodes, parseCommandLine, type Command } from "../lib/io.js";
import { visible } from "../lib/escape.js";
import { shown } from "../lib/spec-error.js";
import { defaultSpecsDir } from "../lib/specs-dir.js";
import type { Warning } from "../generate/build-api.js";
import { loadSpecsConfig } from "../generate/config.js";
import { API_FILES, README_FILE } from "../generate/outputs.js";

const WARNINGS_LISTED = 10;
const DEFAULT_SPECS = "specs";
const DEFAULT_OUT = "generated";

export const usage = `Usage: galaxiom generate [--check] [--specs <dir>] [--out <dir>] [--verbose]

Builds each API of <specs>/apis.yaml (select, merge, overlay, lint, type-check) and writes, for each API:
${Object.values(API_FILES)
  .map(({ suffix, about }) => `  ${`<out>/<api>${suffix}`.padEnd(26)}${about}`)
  .join("\n")}
and <out>/${README_FILE}, which says the folder is generated. The folder is replaced as a whole, or left untouched
when any step fails or nothing would change; if a run was killed while replacing it (or a pull while replacing
specs), the next run, --check included, first restores it.

  --check          write nothing; exit 1 naming each file in <out> that differs from what <specs> gives
  --specs <dir>    default: galaxiom, when it holds an apis.yaml (an app's, from \`galaxiom init\`), else ${DEFAULT_SPECS}
  --out <dir>      default: the \`out\` of apis.yaml (an app's), else ${DEFAULT_OUT}
  -v, --verbose    list every lint warning (by default, up to ${WARNINGS_LISTED} are listed and the rest counted by rule)
  -h, --help       show this help

${exitCodes({
  ok: "<out> written, or already up to date (with --check: up to date)",
  found: "with --check: <out> is stale (nothing is written)",
  badInput: "bad usage, or <specs> cannot be built: the problem is named with its file and JSON pointer or line",
})}`;

export const run: Command = async (argv, io) => {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      check: { type: "boolean", default: false },
      specs: { type: "string" },
      out: { type: "string" },
      verbose: { type: "boolean", short: "v", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  const specs = values.specs ?? (await defaultSpecsDir());
  // What a killed pull or generate left is put right first, and said: both modes then see whole folders.
  for (const line of await recoverFiles(specs)) io.stderr(`${line}\n`);
  // Before the build is loaded (Redocly, openapi-typescript and TypeScript: a second or more), so that a folder
  // that isn't laid out for generate is refused at once.
  const config = await loadSpecsConfig(specs);
  const out = values.out ?? (config.out === undefined ? DEFAULT_OUT : shown(config.out));
  for (const line of await recoverDir(out)) io.stderr(`${line}\n`);
  const { generate } = await import("../generate/index.js");
  const { files, warnings } = await generate(config);
  io.stderr(describeWarnings(warnings, values.verbose));

  const differences = compare(await readDir(out), files);
  if (differences.length === 0) {
    const upToDate = `up to date with ${specs}/ (${files.size} files)`;
    io.stdout(values.check ? `${out}/ is ${upToDate}\n` : `${out}/ unchanged: already ${upToDate}; nothing written\n`);
    return EXIT.ok;
  }
  if (values.check) {
    const stale = differences.map(({ name, kind }) => `  ${name}: ${STALE[kind]}\n`).join("");
    io.stderr(`${out}/ is stale; run \`${generateCommandLine(specs, out)}\`:\n${stale}`);
    return EXIT.found;
  }
  await replaceDir(out, files);
  io.stdout(`${describeWrite(differences, out)}\n`);
  return EXIT.ok;
};

/** How to regenerate from `specs` into `out`, as a command to copy: the options only when they aren't the defaults. */
export function generateCommandLine(specs: string, out = DEFAULT_OUT): string {
  const options = [...(specs === DEFAULT_SPECS ? [] : ["--specs", specs]), ...(out === DEFAULT_OUT ? [] : ["--out", out])];
  return ["galaxiom generate", ...options.map(shellWord)].join(" ");
}

/** `word` as one shell word: as it is when that is safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

interface Difference {
  name: string;
  /** added: generated but not in the folder; changed: in both, different; removed: in the folder only. */
  kind: "added" | "changed" | "removed";
}

const STALE: Record<Difference["kind"], string> = { added: "missing", changed: "differs", removed: "not generated from specs/ (remove it)" };

function compare(actual: Map<string, string>, expected: Map<string, string>): Difference[] {
  const names = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return names.flatMap((name): Difference[] => {
    if (!actual.has(name)) return [{ name, kind: "added" }];
    if (!expected.has(name)) return [{ name, kind: "removed" }];
    return actual.get(name) === expected.get(name) ? [] : [{ name, kind: "changed" }];
  });
}

/** "wrote generated/a.ts, generated/b.ts; removed generated/c.ts": what changed, not every file rewritten alike. */
function describeWrite(differences: Difference[], out: string): string {
  const names = (kinds: Array<Difference["kind"]>) =>
    differences
      .filter(({ kind }) => kinds.includes(kind))
      .map(({ name }) => path.join(out, name))
      .join(", ");
  const written = names(["added", "changed"]);
  const removed = names(["removed"]);
  return [written && `wrote ${written}`, removed && `removed ${removed}`].filter(Boolean).join("; ");
}

/** Every warning when asked, else the first few and a count per rule: a full vendor spec can have hundreds. */
function describeWarnings(warnings: Warning[], verbose: boolean): string {
  const listed = verbose ? warnings : warnings.slice(0, WARNINGS_LISTED);
  const lines = listed.map((warning) => `warning: ${visible(warning.message)}\n`);
  if (listed.length === warnings.length) return lines.join("");
  const counts = new Map<string, number>();
  for (const { rule } of warnings) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const byRule = [...counts].map(([rule, count]) => `${rule} ×${count}`).join(", ");
  return `${lines.join("")}… ${warnings.length} lint warnings in all (${byRule}); --verbose lists them\n`;
}
