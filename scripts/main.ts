import type { CommandModule, Io } from "./lib/io.js";
import { EXIT, exitCodes, UsageError } from "./lib/io.js";
import { toolsVersion } from "./lib/version.js";
import { visible } from "./lib/escape.js";

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  init: { summary: "in an app: write its specs config (galaxiom/apis.yaml) to pull and generate its own types", load: () => import("./commands/init.js") },
  generate: { summary: "build the types: specs/ → generated/, or an app's galaxiom/ → its `out`", load: () => import("./commands/generate.js") },
  pull: { summary: "fetch a vendor's next spec, show its diff, replace the vendored file", load: () => import("./commands/pull.js") },
  diff: { summary: "compare two versions of an OpenAPI document", load: () => import("./commands/diff.js") },
  check: { summary: "check recorded responses (HAR or NDJSON) against the spec", load: () => import("./commands/check.js") },
};

const usage = `Usage: galaxiom <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(10)}${summary}`)
  .join("\n")}
  ${"help".padEnd(10)}this help, or a command's: galaxiom help <command>

Run \`galaxiom help <command>\` (or \`galaxiom <command> --help\`) for a command's options and exit codes;
\`galaxiom --version\` prints the version.

${exitCodes({ ok: "done", found: "a check found what it looks for (diff --fail-on, generate --check, check)", badInput: "bad usage or input" })}`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    io.stdout(usage);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout(`${await toolsVersion()}\n`);
    return EXIT.ok;
  }
  if (name === "help") return help(rest, io);
  const command = commands[name];
  if (!command) return unknownCommand(name, io);
  const module = await command.load();
  try {
    return await module.run(rest, io);
  } catch (error) {
    // Expected failures (SpecError, UsageError) say what and where in their message; anything else is a bug,
    // but a user still gets one line, not a stack trace. Wrong arguments, in every command, get the usage too.
    io.stderr(
      `galaxiom ${name}: ${visible(error instanceof Error ? error.message : String(error))}\n${error instanceof UsageError ? `\n${module.usage}` : ""}`,
    );
    return EXIT.badInput;
  }
}

/** `galaxiom help` is the usage; `galaxiom help <command>` that command's, as `<command> --help` prints it. */
async function help(argv: string[], io: Io): Promise<number> {
  const [name, ...extra] = argv;
  if (name === undefined) {
    io.stdout(usage);
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) return unknownCommand(name, io);
  if (extra.length > 0) {
    io.stderr(`galaxiom help: expected one command, got ${argv.length}\n\n${usage}`);
    return EXIT.badInput;
  }
  io.stdout((await command.load()).usage);
  return EXIT.ok;
}

function unknownCommand(name: string, io: Io): number {
  io.stderr(`galaxiom: unknown command "${visible(name)}"\n\n${usage}`);
  return EXIT.badInput;
}
