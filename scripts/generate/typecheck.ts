import path from "node:path";
import type * as TS from "typescript";
import { ts } from "../lib/commonjs.js";

export interface TypeProblem {
  file: string;
  /** The schema the problem is in, when it is in one: a `components.schemas` member or its hoisted alias. */
  schema: string | undefined;
  message: string;
}

const OPTIONS: TS.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  // TypeScript's own lib files are not ours to check; every generated file still is, fully.
  skipDefaultLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  // The web types a binary body is typed with (Blob, ReadableStream): an app that calls fetch has them, from the
  // DOM lib or @types/node.
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
};

/**
 * Compile generated TypeScript in memory, as an app would (strict, no skipLibCheck), before it replaces
 * anything on disk. `aliases` gives, per file, each hoisted schema's alias, to name the schema in the report.
 * The files `syntaxOnly` names are only parsed.
 */
export function typecheck(
  files: Map<string, string>,
  aliases: Map<string, Map<string, string>> = new Map(),
  syntaxOnly: (name: string) => boolean = () => false,
): TypeProblem[] {
  const root = path.resolve(".galaxiom-typecheck");
  const virtual = new Map([...files].map(([name, text]) => [path.join(root, name), text]));
  const host = ts.createCompilerHost(OPTIONS, true);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(path.resolve(name));
    return text === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, text, language, true);
  };
  host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(path.resolve(name)) ?? readFile.call(host, name);
  host.directoryExists = (name) => path.resolve(name) === root || (directoryExists?.call(host, name) ?? false);

  const program = ts.createProgram(
    [...virtual.keys()].filter((name) => name.endsWith(".ts")),
    OPTIONS,
    host,
  );
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program
      .getSourceFiles()
      .filter((file) => virtual.has(path.resolve(file.fileName)))
      .flatMap((file) => (syntaxOnly(path.relative(root, file.fileName)) ? program.getSyntacticDiagnostics(file) : ts.getPreEmitDiagnostics(program, file))),
  ];
  return diagnostics.map((diagnostic) => {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
    const { file, start } = diagnostic;
    if (!file || start === undefined) return { file: "(compiler)", schema: undefined, message };
    const name = path.relative(root, file.fileName);
    return { file: name, schema: enclosingSchema(file, start, aliases.get(name) ?? new Map()), message };
  });
}

function enclosingSchema(file: TS.SourceFile, position: number, aliases: Map<string, string>): string | undefined {
  const contains = (node: TS.Node) => node.getStart(file) <= position && position < node.getEnd();
  const schemaOf = new Map([...aliases].map(([schema, alias]) => [alias, schema]));
  for (const statement of file.statements.filter(contains)) {
    if (ts.isTypeAliasDeclaration(statement)) return schemaOf.get(statement.name.text);
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== "components") continue;
    const schemas = statement.members.find((member) => nameOf(member) === "schemas");
    const literal = schemas && ts.isPropertySignature(schemas) ? schemas.type : undefined;
    if (literal && ts.isTypeLiteralNode(literal)) return nameOf(literal.members.find(contains));
  }
  return undefined;
}

function nameOf(member: TS.TypeElement | undefined): string | undefined {
  const name = member?.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}
