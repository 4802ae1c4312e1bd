import { checkRecording } from "../check/index.js";
import { readRecording } from "../check/recording.js";
import { jsonReport, textReport } from "../check/report.js";
import { loadSpecsConfig } from "../generate/config.js";
import { visible } from "../lib/escape.js";
import { EXIT, exitCodes, parseCommandLine, positiveNumber, UsageError, type Command } from "../lib/io.js";
import { readFileBounded } from "../lib/read-bounded.js";
import { SpecError } from "../lib/spec-error.js";
import { defaultSpecsDir } from "../lib/specs-dir.js";

const DEFAULT_MAX_MB = 100;

export const usage = `Usage: galaxiom check <file> [--api <name>] [--specs <dir>] [--format text|json] [--max-size <MB>]

Checks recorded responses against the spec: every response of <file> that doesn't match what its operation
declares (an undeclared status or content type, a header or body failing its schema), grouped by operation, in
the words of the client's \`validate\` option. <file> is a HAR 1.2 file (a browser's or proxy's export) or NDJSON,
one exchange a line: {"request": {"method", "url"}, "response": {"status", "headers"?, "body"}}, the body a
string or JSON.

Each request goes to the API whose spec's first server has its origin, then to the operation whose method and
path template match it. A request no operation matches is listed as a warning and not checked; when none
matches at all, that is bad input. The \`format\`s a spec uses that aren't checked (only their types are) are
listed in a note. Headers, bodies and query strings are never printed, nor any value: only where and which types.

  --api <name>       check every request against this API of apis.yaml, whatever its origin
  --specs <dir>      default: galaxiom, when it holds an apis.yaml (an app's, from \`galaxiom init\`), else specs
  --format <text|json>
                     output format (default: text)
  --max-size <MB>    refuse a recording larger than this (default: ${DEFAULT_MAX_MB})
  -h, --help         show this help

${exitCodes({
  ok: "every response checked matches the spec",
  found: "a response differs from the spec",
  badInput:
    "bad usage, a recording that isn't HAR or NDJSON (named with its file and line or pointer), none of its requests matching an operation, or specs that can't be built",
})}`;

export const run: Command = async (argv, io) => {
  const { values, positionals } = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      api: { type: "string" },
      specs: { type: "string" },
      format: { type: "string", default: "text" },
      "max-size": { type: "string", default: String(DEFAULT_MAX_MB) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json (got "${values.format}")`);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`expected one recording, <file> (got ${positionals.length})`);
  const maxBytes = positiveNumber(values["max-size"], "--max-size") * 1024 * 1024;
  try {
    const exchanges = readRecording(await readFileBounded(file, maxBytes), file);
    const config = await loadSpecsConfig(values.specs ?? (await defaultSpecsDir()));
    const result = await checkRecording(config, exchanges, values.api);
    if (result.checked === 0 && exchanges.length > 0) {
      throw new SpecError("no request matches an operation of the specs (by origin, method and path); --api <name> checks them against one API", { file });
    }
    if (values.format === "json") io.stdout(jsonReport(result));
    else {
      const { stdout, stderr } = textReport(result);
      io.stderr(stderr);
      io.stdout(stdout);
    }
    return result.operations.some((operation) => operation.differing.length > 0) ? EXIT.found : EXIT.ok;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    io.stderr(`galaxiom check: ${visible(error.message)}\n`);
    return EXIT.badInput;
  }
};
