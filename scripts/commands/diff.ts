import { visible } from "../lib/escape.js";
import { readFile } from "node:fs/promises";
import { annotationTarget } from "../diff/format/annotation-target.js";
import { DEFAULT_WORK_BUDGET, diffSpecs, WorkBudget } from "../diff/index.js";
import { formatReport, formats, type Format } from "../diff/format/index.js";
import { applyIgnore, parseIgnore } from "../diff/ignore.js";
import type { DiffReport } from "../diff/types.js";
import { EXIT, exitCodes, parseCommandLine, positiveNumber, UsageError, type Command } from "../lib/io.js";
import { type LoadedSpec, loadSpec } from "../lib/load-spec.js";
import { SpecError, unreadable } from "../lib/spec-error.js";
import { toolsVersion } from "../lib/version.js";

export const usage = `Usage: galaxiom diff <old> <new> [--format text|markdown|json|githubactions] [--fail-on <when>] [--ignore <file>]

Compare two versions of an OpenAPI 3.0 or 3.1 document (YAML or JSON files or http(s) URLs; "-" reads stdin)
and list every change with two verdicts, each breaking, risky or safe:
  wire   will an app deployed against <old> keep working against a server implementing <new>?
  types  will code written against the old generated types still compile against the new ones?

Options:
  --format <text|markdown|json|githubactions>
                                   output format (default: text); githubactions writes workflow
                                   annotations (error, warning) on <new>'s file and lines
  --fail-on <when>                 exit 1 if there is (after --ignore)
                                     wire      a wire-breaking change
                                     types     a types-breaking change
                                     breaking  a breaking change of either kind
                                     risky     a risky or breaking change of either kind
                                     any       any change at all, safe ones included
  --ignore <file>                  leave out the changes the file names, one a line:
                                   "METHOD /path <change id or message>" (oasdiff's --err-ignore format)
  --work-budget <steps>            stop (exit 2) past this many steps of work: schema pairs compared and
                                   findings recorded (default: ${DEFAULT_WORK_BUDGET.toLocaleString("en")})
  -h, --help                       show this help
  --version                        print galaxiom's version

${exitCodes({
  ok: "compared (whatever changed, without --fail-on)",
  found: "--fail-on found a change of that kind",
  badInput: "bad usage, a document or the ignore file unreadable or invalid (named with its file and line or pointer), or the comparison past --work-budget",
})}
The kinds of change and their verdicts: https://github.com/galaxiom/galaxiom/blob/main/docs/diff.md
`;

const failOnChoices = ["wire", "types", "breaking", "risky", "any"] as const;
type FailOn = (typeof failOnChoices)[number];

export const run: Command = async (argv, io) => {
  const options = parse(argv);
  if (options.help) {
    io.stdout(usage);
    return EXIT.ok;
  }
  if (options.version) {
    io.stdout(`${await toolsVersion()}\n`);
    return EXIT.ok;
  }
  let report: DiffReport;
  let after: LoadedSpec;
  try {
    const ignore = options.ignore === undefined ? [] : parseIgnore(await readIgnoreFile(options.ignore));
    const before = await loadSpec(options.old, io.readStdin);
    after = await loadSpec(options.new, io.readStdin);
    const limits = { budget: new WorkBudget(options.workBudget), files: { old: options.old, new: options.new } };
    report = applyIgnore(diffSpecs(before.document, after.document, limits), ignore);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    io.stderr(`galaxiom diff: ${visible(error.message)}\n`);
    return EXIT.badInput;
  }
  const annotate = options.format === "githubactions" ? await annotationTarget(options.new, after.text, report) : undefined;
  io.stdout(formatReport(report, options.format, { color: io.color, annotate }));
  return options.failOn && fails(report, options.failOn) ? EXIT.found : EXIT.ok;
};

interface Options {
  old: string;
  new: string;
  format: Format;
  failOn: FailOn | undefined;
  ignore: string | undefined;
  workBudget: number;
  help: boolean;
  version: boolean;
}

/** The options; what is wrong with the command line is a UsageError. */
function parse(argv: string[]): Options {
  const { values, positionals } = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      "fail-on": { type: "string" },
      ignore: { type: "string" },
      "work-budget": { type: "string", default: String(DEFAULT_WORK_BUDGET) },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", default: false },
    },
  });
  const format = formats.find((name) => name === values.format);
  const failOn = failOnChoices.find((name) => name === values["fail-on"]);
  if (values.help || values.version)
    return { old: "", new: "", format: "text", failOn: undefined, ignore: undefined, workBudget: 0, help: values.help, version: values.version };
  if (!format) throw new UsageError(`--format must be one of ${formats.join(", ")} (got "${values.format}")`);
  if (values["fail-on"] !== undefined && !failOn) throw new UsageError(`--fail-on must be one of ${failOnChoices.join(", ")} (got "${values["fail-on"]}")`);
  const [old, now, ...extra] = positionals;
  if (old === undefined || now === undefined || extra.length > 0) throw new UsageError(`expected two documents, <old> and <new> (got ${positionals.length})`);
  if (old === "-" && now === "-") throw new UsageError(`only one of <old> and <new> can be "-" (standard input)`);
  const workBudget = positiveNumber(values["work-budget"], "--work-budget");
  return { old, new: now, format, failOn, ignore: values.ignore, workBudget, help: false, version: false };
}

/** The ignore file's text; one that cannot be read is bad input, like a document that cannot. */
async function readIgnoreFile(file: string): Promise<string> {
  return readFile(file, "utf8").catch((error: unknown) => {
    throw unreadable(error, file);
  });
}

/** Whether the report has a change `--fail-on` names; the choices go from the narrowest to any change at all. */
function fails(report: DiffReport, failOn: FailOn): boolean {
  const { wire, types } = report.summary;
  if (failOn === "wire") return wire.breaking > 0;
  if (failOn === "types") return types.breaking > 0;
  if (failOn === "breaking") return wire.breaking + types.breaking > 0;
  if (failOn === "risky") return wire.breaking + wire.risky + types.breaking + types.risky > 0;
  return report.changes.length > 0;
}
