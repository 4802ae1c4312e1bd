import { readFile } from "node:fs/promises";
import { DEFAULT_WORK_BUDGET, diffSpecs, WorkBudget } from "../diff/index.js";
import { formatReport, formats, type Format } from "../diff/format/index.js";
import { applyIgnore, parseIgnore } from "../diff/ignore.js";
import type { DiffReport } from "../diff/types.js";
import { EXIT, parseCommandLine, positiveNumber, UsageError, type Command, type Io } from "../lib/io.js";
import { loadSpec, type OpenAPIDocument } from "../lib/load-spec.js";
import { SpecError, unreadable } from "../lib/spec-error.js";
import { toolsVersion } from "../lib/version.js";

export const usage = `Usage: galaxiom diff <old> <new> [--format text|markdown|json|githubactions] [--fail-on wire|types|any|risky] [--ignore <file>]

Compare two versions of an OpenAPI 3.0 or 3.1 document (YAML or JSON files or http(s) URLs; "-" reads stdin)
and list every change with two verdicts, each breaking, risky or safe:
  wire   will an app deployed against <old> keep working against a server implementing <new>?
  types  will code written against the old generated types still compile against the new ones?

Options:
  --format <text|markdown|json|githubactions>
                                   output format (default: text); githubactions writes ::error and
                                   ::warning annotations for a workflow log
  --fail-on <wire|types|any|risky> exit 1 if there is a breaking change of that kind (any: either),
                                   or (risky) a risky or breaking one of either kind
  --ignore <file>                  leave out the changes the file names, one a line:
                                   "METHOD /path <change id or message>" (oasdiff's --err-ignore format)
  --work-budget <steps>            stop (exit 2) past this many steps of work: schema pairs compared and
                                   findings recorded (default: ${DEFAULT_WORK_BUDGET.toLocaleString("en")})
  -h, --help                       show this help
  --version                        print galaxiom's version

Exit codes: 0 compared, 1 --fail-on found a change of that kind, 2 bad usage, unreadable input, or past the
work budget.
The kinds of change and their verdicts: https://github.com/galaxiom/galaxiom/blob/main/docs/diff.md
`;

const failOnChoices = ["wire", "types", "any", "risky"] as const;
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
  try {
    const ignore = options.ignore === undefined ? [] : parseIgnore(await readIgnoreFile(options.ignore));
    const [before, after] = [await load(options.old, io), await load(options.new, io)];
    const limits = { budget: new WorkBudget(options.workBudget), files: { old: options.old, new: options.new } };
    report = applyIgnore(diffSpecs(before, after, limits), ignore);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    io.stderr(`galaxiom diff: ${error.message}\n`);
    return EXIT.badInput;
  }
  io.stdout(formatReport(report, options.format, { color: io.color }));
  return options.failOn && breaks(report, options.failOn) ? EXIT.found : EXIT.ok;
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

async function load(file: string, io: Io): Promise<OpenAPIDocument> {
  return (await loadSpec(file, io.readStdin)).document;
}

/** The ignore file's text; one that cannot be read is bad input, like a document that cannot. */
async function readIgnoreFile(file: string): Promise<string> {
  return readFile(file, "utf8").catch((error: unknown) => {
    throw unreadable(error, file);
  });
}

function breaks(report: DiffReport, failOn: FailOn): boolean {
  const { wire, types } = report.summary;
  if (failOn === "wire") return wire.breaking > 0;
  if (failOn === "types") return types.breaking > 0;
  if (failOn === "risky") return wire.breaking + wire.risky + types.breaking + types.risky > 0;
  return wire.breaking > 0 || types.breaking > 0;
}
