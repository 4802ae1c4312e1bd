import { readFile } from "node:fs/promises";
import type { Command, Io } from "./lib/io.js";
import { EXIT } from "./lib/io.js";

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  generate: { summary: "specs/ → generated/ (lint, select, merge, overlay, openapi-typescript)", load: () => import("./commands/generate.js") },
  pull: { summary: "fetch a vendor's next spec, show its diff, replace the vendored file", load: () => import("./commands/pull.js") },
  diff: { summary: "compare two versions of an OpenAPI document", load: () => import("./commands/diff.js") },
};

const usage = `Usage: galaxiom <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(10)}${summary}`)
  .join("\n")}

Run \`galaxiom <command> --help\` for a command's options; \`galaxiom --version\` prints the version.
`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    io.stdout(usage);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout(`${await version()}\n`);
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`galaxiom: unknown command "${name}"\n\n${usage}`);
    return EXIT.badInput;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (error) {
    // Expected failures (SpecError, UsageError) say what and where in their message; anything else is a bug,
    // but a user still gets one line, not a stack trace.
    io.stderr(`galaxiom ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.badInput;
  }
}

/**
 * The version of the galaxiom-tools package: its package.json is beside this file in the sources (scripts/) and one
 * folder up once compiled (scripts/dist/, or dist/ in the installed package).
 */
async function version(): Promise<string> {
  for (const candidate of ["./package.json", "../package.json"]) {
    const text = await readFile(new URL(candidate, import.meta.url), "utf8").catch(() => undefined);
    const manifest = text === undefined ? undefined : (JSON.parse(text) as { name?: string; version?: string });
    if (manifest?.name === "galaxiom-tools" && manifest.version) return manifest.version;
  }
  return "unknown";
}
