import { lstat, mkdir } from "node:fs/promises";
import path from "node:path";
import { recoverFiles, replaceFiles } from "../lib/atomic.js";
import { outRefusal, within } from "../lib/confine.js";
import { EXIT, parseCommandLine, UsageError, type Command } from "../lib/io.js";
import { shown, SpecError } from "../lib/spec-error.js";
import { APP_SPECS } from "../lib/specs-dir.js";

const DEFAULT_OUT = "src/galaxiom-generated";

export const usage = `Usage: galaxiom init [--vendor axiom|galileo] [--specs <dir>] [--out <dir>]

Starts an app's own types. Writes <specs>/apis.yaml, galaxiom's own config for the vendors asked for (each spec's
file, its upstream url, the operations kept) with \`out\`, where \`galaxiom generate\` is to write the types and
security tables; <specs>/redocly.yaml, the lint rules; and each API's overlay. The vendor documents are not
written: \`galaxiom pull\` fetches them next, then \`galaxiom generate\` builds the types. The files are written as
one; none that exists is overwritten, and nothing is written outside the folder that holds <specs>.

  --vendor <api>  axiom or galileo; repeat it for both (default: both)
  --specs <dir>   the folder to write (default: ${APP_SPECS}, where pull and generate look first)
  --out <dir>     where generate is to write, inside the folder that holds <specs> (default: ${DEFAULT_OUT})
  -h, --help      show this help

Exit codes: 0 written, 2 bad usage, a file that exists already, or a path that leads outside the app.
`;

export const run: Command = async (argv, io) => {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      vendor: { type: "string", multiple: true },
      specs: { type: "string", default: APP_SPECS },
      out: { type: "string", default: DEFAULT_OUT },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  // Loaded after the flags are read, so that `galaxiom init --help` doesn't load Redocly.
  const [{ templateFiles, templateFolder }, { appConfig, templateApis }] = await Promise.all([import("../init/template.js"), import("../init/app-config.js")]);
  const template = await templateFiles(await templateFolder());
  const known = templateApis(template);
  const apis = values.vendor ?? known;
  const unknown = apis.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new UsageError(`--vendor must be one of ${known.join(", ")} (got "${unknown}")`);

  const specsDir = path.resolve(values.specs);
  const out = path.resolve(values.out);
  const refusal = outRefusal(specsDir, out);
  if (refusal) throw new UsageError(`--out ${values.out} can't be where generate writes: ${refusal}`);
  const app = path.dirname(specsDir);
  // Checked before the recovery below too, which would otherwise act on a journal wherever a link leads.
  if (!within(app, specsDir)) throw outside(specsDir, app);
  // A killed init (or pull) is finished first: its files then count as existing.
  for (const line of await recoverFiles(specsDir)) io.stderr(`${line}\n`);
  const files = new Map([...appConfig(template, { apis: [...new Set(apis)], specsDir, out })].map(([name, text]) => [path.join(specsDir, name), text]));
  for (const file of files.keys()) await refuseToWrite(file, app);

  for (const file of files.keys()) await mkdir(path.dirname(file), { recursive: true });
  await replaceFiles(specsDir, files);
  io.stdout(`wrote ${[...files.keys()].map(shown).join(", ")}\n`);
  const specs = values.specs === APP_SPECS ? "" : ` --specs ${values.specs}`;
  io.stdout(`next: \`galaxiom pull${specs}\` fetches each vendor's spec, then \`galaxiom generate${specs}\` writes ${shown(out)}/\n`);
  return EXIT.ok;
};

/** Refuses a file init would write that exists already (a dangling link included), or that a link carries outside `app`. */
async function refuseToWrite(file: string, app: string): Promise<void> {
  const existing = await lstat(file).then(
    () => true,
    () => false,
  );
  if (existing) throw new SpecError("exists already: init never overwrites a file; edit it, or remove it to start again", { file: shown(file) });
  if (!within(app, file)) throw outside(file, app);
}

function outside(file: string, app: string): SpecError {
  return new SpecError(`leads outside ${app} (through a symbolic link): init writes only inside the app`, { file: shown(file) });
}
