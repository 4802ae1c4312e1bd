import { describe, expect, it } from "vitest";
import { inspectDocument } from "../../scripts/lib/document-bounds.js";
import { isSelfContained, parseOpenApiJson } from "../../scripts/lib/self-contained-json.js";

const doc = (extra: object) => JSON.stringify({ openapi: "3.0.3", info: { title: "T", version: "1" }, paths: {}, ...extra });

/** What the loader asks: parsed as OpenAPI JSON, and every reference inside. */
function selfContained(text: string) {
  const document = parseOpenApiJson(text);
  if (!document) return undefined;
  return isSelfContained(document, inspectDocument(document, { file: "spec.json", characters: text.length })) ? document : undefined;
}

describe("a self-contained JSON document", () => {
  it("is parsed when its $refs all resolve inside it", () => {
    const text = doc({ components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { type: "string" } } } });
    expect(selfContained(text)).toEqual(JSON.parse(text));
  });

  it("may have an example's externalValue, which is never bundled", () => {
    const text = doc({ components: { examples: { A: { externalValue: "https://example.com/a.json" } } } });
    expect(selfContained(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ["an external $ref", doc({ components: { schemas: { A: { $ref: "./a.yaml" } } } })],
    ["a dangling $ref", doc({ components: { schemas: { A: { $ref: "#/components/schemas/Missing" } } } })],
    ["a discriminator mapping to another file", doc({ components: { schemas: { A: { discriminator: { propertyName: "k", mapping: { b: "./b.yaml" } } } } } })],
  ])("is not, with %s: the full loader decides", (_, text) => {
    expect(parseOpenApiJson(text)).toEqual(JSON.parse(text));
    expect(selfContained(text)).toBeUndefined();
  });

  it.each([
    ["YAML", "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\n"],
    ["invalid JSON", '{ "openapi": "3.0.3", '],
    ["Swagger 2.0", JSON.stringify({ swagger: "2.0", info: { title: "T", version: "1" }, paths: {} })],
    ["a missing info", JSON.stringify({ openapi: "3.1.0", paths: {} })],
  ])("leaves %s to the full loader", (_, text) => {
    expect(parseOpenApiJson(text)).toBeUndefined();
  });
});
