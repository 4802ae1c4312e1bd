import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The README's TypeScript examples are what users copy: each ```ts block compiles against the package as an
// app imports it, and a block that shows a compiler error (a `// ~~~ message` line) gets exactly that error.
// Excerpts of generated output, which are not examples, are fenced ```typescript.
const repo = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(repo, "README.md"), "utf8");
const { exports } = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { exports: Record<string, { default: string }> };

interface Block {
  line: number;
  code: string;
  /** The error the block says the compiler prints, if it shows one. */
  expectedError?: string;
}

const blocks: Block[] = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match) => {
  const code = match[1]!;
  const line = readme.slice(0, match.index).split("\n").length + 1;
  const expectedError = /^\s*\/\/\s*~+ (.+)$/m.exec(code)?.[1]?.trim();
  return { line, code, expectedError };
});

/** What an example may use without defining it: the clients made in earlier examples, and the app's own values. */
const AMBIENT: Record<string, string> = {
  galileo: 'declare const galileo: import("galaxiom").GalileoClient;',
  axiom: 'declare const axiom: import("galaxiom").AxiomClient;',
  secrets: "declare const secrets: { get(name: string): Promise<string> };",
  apiKey: "declare const apiKey: string;",
  token: "declare const token: string;",
  id: "declare const id: string;",
  components: 'type components = import("../generated/galileo.js").components;',
};

function withAmbient(code: string): string {
  const used = Object.keys(AMBIENT).filter(
    (name) => new RegExp(`\\b${name}\\b`).test(code) && !new RegExp(`(?:const|let|import|type)\\s[^;=]*\\b${name}\\b`).test(code),
  );
  return `${used.map((name) => AMBIENT[name]).join("\n")}\n${code}\nexport {};\n`;
}

function compile(): Map<Block, readonly ts.Diagnostic[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: ["node"],
    baseUrl: repo,
    // Each entry of the package's exports, from source: "galaxiom/testing" → src/testing/index.ts.
    paths: Object.fromEntries(
      Object.entries(exports).map(([entry, { default: file }]) => [`galaxiom${entry.slice(1)}`, [file.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts")]]),
    ),
    noUnusedLocals: false,
  };
  const files = new Map(blocks.map((block) => [path.join(repo, "test", `readme-${block.line}.ts`), block]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => files.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => (files.has(file) ? withAmbient(files.get(file)!.code) : readFile(file));
  host.getSourceFile = (file, language) =>
    files.has(file) ? ts.createSourceFile(file, withAmbient(files.get(file)!.code), language, true) : getSourceFile(file, language);
  const program = ts.createProgram([...files.keys()], options, host);
  return new Map([...files].map(([file, block]) => [block, ts.getPreEmitDiagnostics(program, program.getSourceFile(file))]));
}

describe("the README's TypeScript examples", () => {
  const results = compile();
  const message = (diagnostic: ts.Diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");

  it("are there to check", () => {
    expect(blocks.length).toBeGreaterThan(8);
  });

  it.each(blocks.filter((block) => !block.expectedError))("compile: the block at line $line", (block) => {
    expect(results.get(block)!.map(message)).toEqual([]);
  });

  it.each(blocks.filter((block) => block.expectedError))("fail as they say: the block at line $line", (block) => {
    const [first] = results.get(block)!;
    expect(first && message(first).split("\n")[0]).toContain(block.expectedError);
  });
});
