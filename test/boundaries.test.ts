import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// src/ is what apps bundle for browsers, Deno, Bun and edge runtimes: web-standard APIs only. Node-only code
// lives in scripts/ (the build and the CLI), and tests stay out of it.
const repo = path.resolve(import.meta.dirname, "..");
// The client package's dependencies, as package.json declares them (openapi-fetch alone): nothing else is installed
// beside it in an app.
const RUNTIME_DEPENDENCIES = Object.keys((JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { dependencies?: object }).dependencies ?? {});
// The optional peer dependencies, each imported by its own entry point alone: only an app importing that entry needs it.
const OPTIONAL_PEERS: Record<string, string> = { "src/testing/msw.ts": "msw", "src/testing/nock.ts": "nock" };
const ALLOWED_FOLDERS = ["src", "generated"].map((folder) => path.join(repo, folder) + path.sep);

async function sources(): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(path.join(repo, "src"), { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, "utf8") })));
}

/** The module specifiers a source imports, type-only imports included. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => fileName);
}

describe("src/", () => {
  it("imports no node: module and no package but openapi-fetch", async () => {
    expect(RUNTIME_DEPENDENCIES).toEqual(["openapi-fetch"]);
    const offending: string[] = [];
    for (const { file, text } of await sources()) {
      for (const specifier of importsOf(text)) {
        if (!specifier.startsWith(".") && !RUNTIME_DEPENDENCIES.includes(specifier) && OPTIONAL_PEERS[path.relative(repo, file)] != specifier) {
          offending.push(`${path.relative(repo, file)}: ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("imports nothing from scripts/ or test/: only src/ and generated/", async () => {
    const offending: string[] = [];
    for (const { file, text } of await sources()) {
      for (const specifier of importsOf(text).filter((name) => name.startsWith("."))) {
        const target = path.resolve(path.dirname(file), specifier);
        if (!ALLOWED_FOLDERS.some((folder) => target.startsWith(folder))) offending.push(`${path.relative(repo, file)}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("uses no Node-only global (process is read only through globalThis, where it may be missing)", async () => {
    const offending: string[] = [];
    for (const { file, text } of await sources()) {
      for (const match of text.matchAll(/(?<![.\w])(Buffer|require|__dirname|__filename|process|setImmediate)\b(?!\?:)/g)) {
        // Words inside comments and strings are prose, not code.
        const line = text.slice(text.lastIndexOf("\n", match.index) + 1, text.indexOf("\n", match.index));
        if (!/^\s*(\/\/|\*|\/\*\*)/.test(line)) offending.push(`${path.relative(repo, file)}: ${line.trim()}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("is what the check reads: it finds a node: import when there is one", () => {
    expect(importsOf('import { readFile } from "node:fs/promises";\nimport type { A } from "../scripts/a.js";')).toEqual([
      "node:fs/promises",
      "../scripts/a.js",
    ]);
  });
});
