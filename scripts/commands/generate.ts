import path from "node:path";
import { parseArgs } from "node:util";
import { readDir, replaceDir } from "../lib/atomic.js";
import { EXIT, type Command } from "../lib/io.js";
import { generate } from "../generate/index.js";

const usage = `Usage: galaxiom generate [--check] [--specs <dir>] [--out <dir>]

Builds each API of <specs>/apis.yaml (select, merge, overlay, lint) and writes <out>/<api>.openapi.yaml and
<out>/<api>.ts. The folder is replaced as a whole, or left untouched when any step fails.

  --check        write nothing; exit 1 naming each file in <out> that differs from what <specs> gives
  --specs <dir>  default: specs
  --out <dir>    default: generated
`;

export const run: Command = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: "boolean", default: false },
      specs: { type: "string", default: "specs" },
      out: { type: "string", default: "generated" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  const { files, warnings } = await generate(values.specs);
  for (const warning of warnings) io.stderr(`${warning}\n`);

  if (values.check) {
    const stale = staleFiles(await readDir(values.out), files);
    if (stale.length === 0) {
      io.stdout(`${values.out}/ is up to date with ${values.specs}/ (${files.size} files)\n`);
      return EXIT.ok;
    }
    io.stderr(`${values.out}/ is stale; run \`npm run generate\`:\n${stale.map((line) => `  ${line}\n`).join("")}`);
    return EXIT.found;
  }
  await replaceDir(values.out, files);
  io.stdout(`wrote ${[...files.keys()].map((name) => path.join(values.out, name)).join(", ")}\n`);
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
