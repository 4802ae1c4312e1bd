import { readFile } from "node:fs/promises";
import path from "node:path";
import { formatReport, formats, type Format } from "../diff/format/index.js";
import { loadSpecsConfig, type SourceConfig } from "../generate/config.js";
import { recoverFiles, replaceFiles } from "../lib/atomic.js";
import { DEFAULT_WORK_BUDGET } from "../diff/budget.js";
import { DEFAULT_LIMITS } from "../lib/download.js";
import { EXIT, exitCodes, parseCommandLine, positiveNumber, UsageError, type Command } from "../lib/io.js";
import { generateCommandLine } from "./generate.js";
import { shown } from "../lib/spec-error.js";
import { defaultSpecsDir } from "../lib/specs-dir.js";
import { loadSpec, loadSpecFromString, type OpenAPIDocument } from "../lib/load-spec.js";
import { readSource } from "../pull/read-source.js";
import { sha256, writeRow } from "../pull/sources-record.js";

export const usage = `Usage: galaxiom pull [name ...] [--from <url-or-file>] [--dry-run] [--specs <dir>] [--format text|markdown|json]
                    [--max-size <MB>] [--timeout <seconds>]

Fetches the next version of each named spec (default: every spec in <specs>/apis.yaml), shows what changed in the
operations its selection keeps, and replaces the vendored file and its row in <specs>/SOURCES.md. Nothing is
replaced unless every download is a valid OpenAPI document, within the limits below, whose \`$ref\`s stay inside
it (or its folder, for a --from file), a folder its allowRefsIn in apis.yaml names, or an origin its
allowRemoteRefs names; a redirect to another origin is refused. The files are replaced as one: a pull killed midway is completed by the next pull
or generate. Then run \`galaxiom generate\`.

  name             a spec name from apis.yaml (e.g. galileo, axiom-v2)
  --from <source>  read this URL or file instead of the spec's url (one name only)
  --dry-run        show the changes, replace nothing
  --specs <dir>    default: galaxiom, when it holds an apis.yaml (an app's, from \`galaxiom init\`), else specs
  --format <f>     how to show the changes: text (default), markdown or json
  --max-size <MB>  refuse a download larger than this (default: ${DEFAULT_LIMITS.maxBytes / 1024 / 1024})
  --timeout <s>    give up on a download not complete after this long (default: ${DEFAULT_LIMITS.timeoutMs / 1000})
  --work-budget <steps>
                   give up (exit 2, nothing replaced) if showing the changes takes more work than this, as
                   \`galaxiom diff --work-budget\` does (default: ${DEFAULT_WORK_BUDGET.toLocaleString("en")})
  -h, --help       show this help

${exitCodes({
  ok: "pulled, or nothing to replace (every spec unchanged, or --dry-run)",
  badInput: "bad usage, a download or document refused (named with its URL or file, and the pointer), or the diff past --work-budget: nothing replaced",
})}`;

interface Pulled {
  source: SourceConfig;
  from: string;
  text: string;
  unchanged: boolean;
}

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      specs: { type: "string" },
      format: { type: "string", default: "text" },
      "max-size": { type: "string", default: String(DEFAULT_LIMITS.maxBytes / 1024 / 1024) },
      timeout: { type: "string", default: String(DEFAULT_LIMITS.timeoutMs / 1000) },
      "work-budget": { type: "string", default: String(DEFAULT_WORK_BUDGET) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  const format = values.format as Format;
  if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format must be text, markdown or json, not "${values.format}"`);
  const limits = { maxBytes: positiveNumber(values["max-size"], "--max-size") * 1024 * 1024, timeoutMs: positiveNumber(values.timeout, "--timeout") * 1000 };
  const workBudget = positiveNumber(values["work-budget"], "--work-budget");
  const specs = values.specs ?? (await defaultSpecsDir());
  // A pull killed while replacing files is finished (or discarded) first, so specs/ is never a mix.
  for (const line of await recoverFiles(specs)) io.stderr(`${line}\n`);
  const config = await loadSpecsConfig(specs);
  const all = config.apis.flatMap((api) => api.sources);
  const targets =
    positionals.length === 0
      ? all
      : positionals.map((name) => {
          const source = all.find((candidate) => candidate.name === name);
          if (!source) throw new UsageError(`no spec named "${name}" in ${specs}/apis.yaml (known: ${all.map((s) => s.name).join(", ")})`);
          return source;
        });
  if (values.from !== undefined && targets.length !== 1) throw new UsageError("--from needs exactly one spec name");

  // Every download is fetched and validated before any file is replaced: a failure leaves specs/ untouched.
  const pulled: Pulled[] = [];
  for (const source of targets) {
    const from = values.from ?? source.url;
    if (!from) throw new UsageError(`spec "${source.name}" has no url in apis.yaml; pass --from`);
    const text = await readSource(from, io.fetch, limits);
    const { document } = await loadSpecFromString(text, from, {
      remoteOrigins: source.allowRemoteRefs,
      allowRefsIn: source.allowRefsIn,
      fetch: io.fetch,
      limits,
    });
    const vendored = await readFile(source.file, "utf8").catch(() => undefined);
    pulled.push({ source, from, text, unchanged: vendored === text });
    io.stdout(`${source.name}: ${from}\n`);
    io.stdout(vendored === text ? "  unchanged\n" : await describeChanges(source, specs, { document, from }, format, io.color, workBudget));
  }

  const changed = pulled.filter((entry) => !entry.unchanged);
  if (values["dry-run"] || changed.length === 0) {
    io.stdout(values["dry-run"] && changed.length > 0 ? "dry run: nothing replaced\n" : "");
    return EXIT.ok;
  }
  const record = path.join(specs, "SOURCES.md");
  let sources = await readFile(record, "utf8").catch(() => "| file | source | vendored | sha256 |\n|---|---|---|---|\n");
  const today = new Date().toISOString().slice(0, 10);
  const replacements = new Map<string, string>();
  for (const { source, from, text } of changed) {
    replacements.set(source.file, text);
    const file = path.relative(path.resolve(specs), source.file);
    sources = writeRow(sources, { file, source: from, vendored: today, sha256: sha256(text) });
  }
  replacements.set(path.resolve(record), sources);
  // The vendored files and their records change together: a kill midway is completed by the next run.
  await replaceFiles(path.resolve(specs), replacements);
  for (const { source } of changed) io.stdout(`replaced ${shown(source.file)}\n`);
  io.stdout(`now run \`${generateCommandLine(specs)}\` to regenerate the types\n`);
  return EXIT.ok;
};

/** The diff of what the client sees: both versions cut to the spec's selection, so unselected operations are no noise. */
async function describeChanges(
  source: SourceConfig,
  specsDir: string,
  next: { document: OpenAPIDocument; from: string },
  format: Format,
  color: boolean,
  workBudget: number,
): Promise<string> {
  const [{ diffSpecs, WorkBudget }, { selectOperations }] = await Promise.all([import("../diff/index.js"), import("../generate/select.js")]);
  const options = { folder: specsDir, remoteOrigins: source.allowRemoteRefs, allowRefsIn: source.allowRefsIn };
  const previous = await loadSpec(shown(source.file), undefined, options).catch(() => undefined);
  if (!previous) return "  no readable vendored version to compare with\n";
  const before = selectOperations(previous.document, source.select).document;
  const after = selectOperations(next.document, source.select).document;
  const report = diffSpecs(before, after, { budget: new WorkBudget(workBudget), files: { old: previous.file, new: next.from } });
  return formatReport(report, format, { color });
}
