import { describe, expect, it } from "vitest";
import { parseSelfContainedJson } from "../../scripts/lib/self-contained-json.js";

const doc = (extra: object) => JSON.stringify({ openapi: "3.0.3", info: { title: "T", version: "1" }, paths: {}, ...extra });

describe("parseSelfContainedJson", () => {
  it("parses a JSON document whose $refs all resolve inside it", () => {
    const text = doc({ components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { type: "string" } } } });
    expect(parseSelfContainedJson(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ["YAML", "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\n"],
    ["invalid JSON", '{ "openapi": "3.0.3", '],
    ["an external $ref", doc({ components: { schemas: { A: { $ref: "./a.yaml" } } } })],
    ["a dangling $ref", doc({ components: { schemas: { A: { $ref: "#/components/schemas/Missing" } } } })],
    ["Swagger 2.0", JSON.stringify({ swagger: "2.0", info: { title: "T", version: "1" }, paths: {} })],
    ["a missing info", JSON.stringify({ openapi: "3.1.0", paths: {} })],
  ])("leaves %s to the full loader", (_, text) => {
    expect(parseSelfContainedJson(text)).toBeUndefined();
  });
});
