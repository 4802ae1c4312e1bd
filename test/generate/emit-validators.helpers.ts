import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { emitValidators } from "../../scripts/generate/emit-validators.js";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";

export interface Issue {
  pointer: string;
  expected: string;
  actual: string;
}
export type Check = (value: unknown, pointer: string, issues: Issue[]) => void;
export interface ValidatorsModule {
  validators: Record<
    string,
    { request?: Record<string, Check | null>; responses: Record<string, { content?: Record<string, Check | null>; headers?: Record<string, Check> }> }
  >;
  uncheckedFormats: readonly string[];
}

let folder: Promise<string> | undefined;
let loaded = 0;

/** Every module imported so far, to be compiled as an app would. */
export const imported: string[] = [];

/** The emitted module for `text`, transpiled as TypeScript would emit it and imported from a file: what an app runs. */
export async function importValidators(text: string): Promise<ValidatorsModule> {
  imported.push(text);
  const { outputText } = ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  folder ??= mkdtemp(path.join(tmpdir(), "galaxiom-validators-"));
  const file = path.join(await folder, `validators-${loaded++}.mjs`);
  await writeFile(file, outputText);
  return (await import(pathToFileURL(file).href)) as ValidatorsModule;
}

export function documentOf(
  paths: Record<string, unknown>,
  schemas: Record<string, unknown> = {},
  openapi = "3.1.0",
  components: Record<string, unknown> = {},
): OpenAPIDocument {
  return { openapi, info: { title: "T", version: "1" }, paths, components: { schemas, ...components } } as OpenAPIDocument;
}

/** A document whose one operation, GET /x, answers 200 with `schema` as JSON. */
export function responseDocument(schema: unknown, schemas: Record<string, unknown> = {}, openapi = "3.1.0"): OpenAPIDocument {
  return documentOf({ "/x": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema } } } } } } }, schemas, openapi);
}

/** The check of GET /x's 200 JSON body for `schema`, as a function from a value to its issues. */
export async function checkerFor(schema: unknown, schemas: Record<string, unknown> = {}, openapi = "3.1.0"): Promise<(value: unknown) => Issue[]> {
  const module = await importValidators(emitValidators(responseDocument(schema, schemas, openapi), "test.openapi.yaml"));
  const check = module.validators["GET /x"]!.responses["200"]!.content!["application/json"]!;
  return (value) => {
    const issues: Issue[] = [];
    check(value, "", issues);
    return issues;
  };
}
