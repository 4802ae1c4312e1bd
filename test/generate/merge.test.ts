import { describe, expect, it } from "vitest";
import type { OpenAPIDocument } from "../../scripts/lib/load-spec.js";
import { SpecError } from "../../scripts/lib/spec-error.js";
import { mergeDocuments } from "../../scripts/generate/merge.js";

const problem = { type: "object", properties: { detail: { type: "array" } } };
const doc = (paths: Record<string, unknown>, schemas: Record<string, unknown>, extra: Partial<OpenAPIDocument> = {}): OpenAPIDocument => ({
  openapi: "3.1.0",
  info: { title: "FastAPI", version: "0.1.0" },
  paths: paths as OpenAPIDocument["paths"],
  components: { schemas },
  ...extra,
});
const ok = { responses: { "200": { description: "ok" } } };

describe("mergeDocuments", () => {
  it("keeps a component defined identically in two documents once, and sorts paths and components", () => {
    const { document, origins } = mergeDocuments([
      { file: "v2.yaml", document: doc({ "/v2/b": { get: ok } }, { Problem: problem, Zed: { type: "string" } }) },
      { file: "v1.yaml", document: doc({ "/v1/a": { post: ok } }, { Problem: structuredClone(problem), Alpha: { type: "integer" } }) },
    ]);
    expect(Object.keys(document.paths!)).toEqual(["/v1/a", "/v2/b"]);
    expect(document.components!.schemas).toEqual({ Alpha: { type: "integer" }, Problem: problem, Zed: { type: "string" } });
    expect(origins.get("/components/schemas/Problem")).toBe("v2.yaml");
    expect(origins.get("/paths/~1v1~1a/post")).toBe("v1.yaml");
  });

  it("fails on a component with the same name and different content, naming both files and the component", () => {
    const merge = () =>
      mergeDocuments([
        { file: "specs/galileo/v1.yaml", document: doc({}, { Token: { type: "string" } }) },
        { file: "specs/galileo/v2.yaml", document: doc({}, { Token: { type: "object" } }) },
      ]);
    expect(merge).toThrow(SpecError);
    expect(merge).toThrow("specs/galileo/v2.yaml #/components/schemas/Token: conflicts with specs/galileo/v1.yaml");
  });

  it("fails on one operation defined differently by two documents", () => {
    const merge = () =>
      mergeDocuments([
        { file: "a.yaml", document: doc({ "/x": { get: ok } }, {}) },
        { file: "b.yaml", document: doc({ "/x": { get: { ...ok, deprecated: true } } }, {}) },
      ]);
    expect(merge).toThrow("b.yaml #/paths/~1x/get: conflicts with a.yaml");
  });

  it("writes differing root security into each document's operations, so none gains or loses a requirement", () => {
    const secured = [{ ApiKey: [] }];
    const { document } = mergeDocuments([
      { file: "public.yaml", document: doc({ "/login": { post: ok } }, {}, { security: [] }) },
      { file: "private.yaml", document: doc({ "/me": { get: ok }, "/open": { get: { ...ok, security: [] } } }, {}, { security: secured }) },
    ]);
    expect(document.security).toBeUndefined();
    expect(document.paths!["/login"]!.post).toMatchObject({ security: [] });
    expect(document.paths!["/me"]!.get).toMatchObject({ security: secured });
    expect(document.paths!["/open"]!.get).toMatchObject({ security: [] });
  });

  it("refuses to mix OpenAPI 3.0 and 3.1", () => {
    const merge = () =>
      mergeDocuments([
        { file: "a.yaml", document: doc({}, {}) },
        { file: "b.yaml", document: { ...doc({}, {}), openapi: "3.0.3" } },
      ]);
    expect(merge).toThrow("b.yaml #/openapi: is OpenAPI 3.0.3 but a.yaml is 3.1.0");
  });
});
