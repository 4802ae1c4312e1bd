import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parseYaml as parse } from "@redocly/openapi-core";
import { operationSecurity as axiomSecurity } from "../generated/axiom.security.js";
import { operationSecurity as galileoSecurity } from "../generated/galileo.security.js";

// The package's promise: every public operation of both vendors is typed. The vendored documents are read here
// without the build's code (which could share a bug), whatever versions of them are vendored.
const repo = path.resolve(import.meta.dirname, "..");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Vendored {
  file: string;
  pathPrefix?: string;
}

function vendoredSpecs(api: string): Vendored[] {
  const config = parse(readFileSync(path.join(repo, "specs/apis.yaml"), "utf8")) as { apis: Record<string, { specs: Record<string, Vendored> }> };
  return Object.values(config.apis[api]!.specs);
}

/** "POST /v1/datasets/_apl" for each operation a vendored document declares, as an app calls it. */
function publicOperations(api: string, isPublic: (path: string) => boolean): string[] {
  return vendoredSpecs(api).flatMap(({ file, pathPrefix = "" }) => {
    const document = parse(readFileSync(path.join(repo, "specs", file), "utf8")) as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(document.paths).flatMap(([key, item]) => {
      // The query string some path keys carry is sent as the query parameter the operation declares.
      const callable = `${pathPrefix}${key.split("?")[0]}`;
      if (!isPublic(callable)) return [];
      return METHODS.filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${callable}`);
    });
  });
}

/** The operations the `paths` interface of a generated types file gives a type: methods that are not `never`. */
function typedOperations(file: string): Set<string> {
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const paths = source.statements.find((statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === "paths")!;
  const operations = new Set<string>();
  for (const item of checker.getTypeAtLocation(paths).getProperties()) {
    const itemType = checker.getTypeOfSymbol(item);
    for (const method of METHODS) {
      const operation = itemType.getProperty(method);
      if (!operation) continue;
      const type = checker.getNonNullableType(checker.getTypeOfSymbol(operation));
      if (!(type.flags & ts.TypeFlags.Never)) operations.add(`${method.toUpperCase()} ${item.name}`);
    }
  }
  return operations;
}

describe.each([
  { api: "axiom", isPublic: () => true, security: axiomSecurity },
  { api: "galileo", isPublic: (callable: string) => /^\/v[12]\//.test(callable), security: galileoSecurity },
])("the published $api types", ({ api, isPublic, security }) => {
  const expected = publicOperations(api, isPublic);

  it("type every public operation of the vendored documents", () => {
    const typed = typedOperations(path.join(repo, `generated/${api}.ts`));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.filter((operation) => !typed.has(operation))).toEqual([]);
    expect(typed.size).toBe(new Set(expected).size);
  }, 60_000);

  it("give every one of them its credentials in the security table", () => {
    expect(expected.filter((operation) => !(operation in security))).toEqual([]);
  });
});
