import { readFile } from "node:fs/promises";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as axiom from "../../generated/axiom.validators.js";
import * as galileo from "../../generated/galileo.validators.js";

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** "METHOD /path" for every operation generated/<api>.ts's `paths` has (a method typed `never` is none). */
async function operationKeys(api: string): Promise<string[]> {
  const file = ts.createSourceFile(`${api}.ts`, await readFile(`generated/${api}.ts`, "utf8"), ts.ScriptTarget.ES2022);
  const paths = file.statements.find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text == "paths")!;
  const keys: string[] = [];
  for (const item of paths.members) {
    if (!ts.isPropertySignature(item) || !item.type || !ts.isTypeLiteralNode(item.type)) continue;
    const path = (item.name as ts.StringLiteral).text;
    for (const member of item.type.members) {
      const method = ts.isPropertySignature(member) ? (member.name as ts.Identifier).text : "";
      if (HTTP_METHODS.has(method) && (member as ts.PropertySignature).type?.kind !== ts.SyntaxKind.NeverKeyword) keys.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return keys;
}

/** Every `format` a schema in the description has, examples and defaults left out (they are data). */
function formatsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) formatsIn(item, found);
  else if (typeof node == "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.format == "string") found.add(record.format);
    for (const [key, value] of Object.entries(record)) if (!["example", "examples", "default", "enum", "const"].includes(key)) formatsIn(value, found);
  }
  return found;
}

describe.each([
  ["axiom", axiom],
  ["galileo", galileo],
])("generated/%s.validators.ts", (api, module) => {
  it("has checks for exactly the operations of the paths type", async () => {
    expect(Object.keys(module.validators).sort()).toEqual((await operationKeys(api)).sort());
  });

  it("lists as unchecked exactly the formats the description uses, but uuid, date-time and date", async () => {
    const description = parse(await readFile(`generated/${api}.openapi.yaml`, "utf8"), { maxAliasCount: -1 });
    const unchecked = [...formatsIn(description)].filter((format) => !["uuid", "uuid4", "date-time", "date"].includes(format)).sort();
    expect(module.uncheckedFormats).toEqual(unchecked);
  });

  it("checks every JSON response body that has a schema, and gives the others null", async () => {
    const description = parse(await readFile(`generated/${api}.openapi.yaml`, "utf8"), { maxAliasCount: -1 });
    for (const [key, operation] of Object.entries(module.validators)) {
      const [method, path] = key.split(" ") as [string, string];
      for (const [status, response] of Object.entries(operation.responses)) {
        let spec = description.paths[path][method.toLowerCase()].responses[status];
        if (spec.$ref) spec = description.components.responses[spec.$ref.split("/").pop()];
        for (const [mediaType, check] of Object.entries(response.content ?? {})) {
          const json = /json/i.test(mediaType) && spec.content[mediaType].schema !== undefined;
          expect({ key, status, mediaType, checked: check !== null }).toEqual({ key, status, mediaType, checked: json });
        }
      }
    }
  });
});
