import path from "node:path";
import { readDir, recoverDir, recoverFiles, replaceDir } from "../lib/atomic.js";
import { EXIT, parseCommandLine, type Command } from "../lib/io.js";
import { shown } from "../lib/spec-error.js";
import { defaultSpecsDir } from "../lib/specs-dir.js";
import type { Warning } from "../generate/build-api.js";

const WARNINGS_LISTED = 10;

export const usage = `Usage: galaxiom generate [--check] [--specs <dir>] [--out <dir>]

Builds each API of <specs>/apis.yaml (select, merge, overlay, lint) and writes <out>/<api>.openapi.yaml,
<out>/<api>.ts and <out>/<api>.security.ts. The folder is replaced as a whole, or left untouched when any step
fails; if a run was killed while replacing it (or a pull while replacing specs), the next run, --check included,
first restores it.

  --check        write nothing; exit 1 naming each file in <out> that differs from what <specs> gives
  --specs <dir>  default: galaxiom, when it holds an apis.yaml (an app's, from \`galaxiom init\`), else specs
  --out <dir>    default: the \`out\` of apis.yaml (an app's), else generated
  --verbose      list every lint warning (by default, up to ${WARNINGS_LISTED} are listed and the rest counted by rule)

Exit codes: 0 written (or, with --check, up to date), 1 --check found a stale file, 2 bad usage or a spec problem.
`;

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
  // Loaded after the flags are read: the build pulls in Redocly, openapi-typescript and TypeScript (≈1 s).
  const [{ loadSpecsConfig }, { generate }] = await Promise.all([import("../generate/config.js"), import("../generate/index.js")]);
  const config = await loadSpecsConfig(specs);
  const out = values.out ?? (config.out === undefined ? "generated" : shown(config.out));
  for (const line of await recoverDir(out)) io.stderr(`${line}\n`);
  const { files, warnings } = await generate(config);
  io.stderr(describeWarnings(warnings, values.verbose));

  if (values.check) {
    const stale = staleFiles(await readDir(out), files);
    if (stale.length === 0) {
      io.stdout(`${out}/ is up to date with ${specs}/ (${files.size} files)\n`);
      return EXIT.ok;
    }
    io.stderr(`${out}/ is stale; run \`galaxiom generate\`:\n${stale.map((line) => `  ${line}\n`).join("")}`);
    return EXIT.found;
  }
  await replaceDir(out, files);
  io.stdout(`wrote ${[...files.keys()].map((name) => path.join(out, name)).join(", ")}\n`);
  return EXIT.ok;
};

function staleFiles(actual: Map<string, string>, expected: Map<string, string>): string[] {
  const names = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return names.flatMap((name) => {
    if (!actual.has(name)) return [`${name}: missing`];
    if (!expected.has(name)) return [`${name}: not generated from specs/ (remove it)`];
    return actual.get(name) === expected.get(name) ? [] : [`${name}: differs`];
  });
}

/** Every warning when asked, else the first few and a count per rule: a full vendor spec can have hundreds. */
function describeWarnings(warnings: Warning[], verbose: boolean): string {
  const listed = verbose ? warnings : warnings.slice(0, WARNINGS_LISTED);
  const lines = listed.map((warning) => `warning: ${warning.message}\n`);
  if (listed.length === warnings.length) return lines.join("");
  const counts = new Map<string, number>();
  for (const { rule } of warnings) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const byRule = [...counts].map(([rule, count]) => `${rule} ×${count}`).join(", ");
  return `${lines.join("")}… ${warnings.length} lint warnings in all (${byRule}); --verbose lists them\n`;
}
