import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repo } from "./helpers/workspace.js";

// What a developer reads when a raw call is wrong: TypeScript's first line says what is wrong, as it does with
// bare openapi-fetch, not "No overload matches this call" over a block per overload. Compiled in memory against
// a small API, with the repository's compiler options.
const SOURCE = `import type { ApiClient } from "../src/core/client-types.js";
interface Paths {
  "/things/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } } };
    };
    put?: never; post?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never;
  };
}
declare const client: ApiClient<Paths>;
`;

// The call, and the start of the first line of its error, at the word the error is about.
const CALLS: Array<[string, string, string]> = [
  ['client.POST("/things/{id}", {})', `"/things/{id}"`, `Argument of type '"/things/{id}"' is not assignable to parameter of type`],
  ['client.GET("/things/{id}", { params: { path: {} } })', "path", "Property 'id' is missing in type '{}' but required in type '{ id: string; }'."],
  // A mistyped galaxiom option, which compiled before (openapi-fetch's own signature took any key); the type it
  // names is never when the init holds parameters too, as here (the option is intersected with what was inferred).
  ['client.GET("/things/{id}", { params: { path: { id: "a" } }, timeout: "5s" })', "timeout", "Type 'string' is not assignable to type"],
];

/** Each error in the calls: the text it starts at, and its first line. */
function errors(calls: string[]): Array<{ at: string; first: string }> {
  const { config } = ts.readConfigFile(path.join(repo, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repo);
  const file = path.join(repo, "test", "client-type-errors.virtual.ts");
  const text = `${SOURCE}${calls.map((call) => `void ${call};\n`).join("")}`;
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists;
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], { ...options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => ({
    at: text.slice(diagnostic.start, (diagnostic.start ?? 0) + (diagnostic.length ?? 0)),
    first: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n")[0]!,
  }));
}

describe("a wrong raw call", () => {
  it("is one error per call, at what is wrong, whose first line says what is wrong", () => {
    const found = errors(CALLS.map(([call]) => call));
    expect(found.map(({ at }) => at)).toEqual(CALLS.map(([, at]) => at));
    for (const [index, [, , expected]] of CALLS.entries())
      expect(found[index]?.first).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });
});
