import { describe, expect, it } from "vitest";
import { inspectDocument } from "../../scripts/lib/document-bounds.js";
import { checkRefCycles } from "../../scripts/lib/ref-cycles.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const check = (schemas: Record<string, unknown>) => {
  const document = { openapi: "3.0.3", info: { title: "T", version: "1" }, paths: {}, components: { schemas } };
  return () => checkRefCycles(document, inspectDocument(document, { file: "vendor.json", characters: 1000 }), "vendor.json");
};

describe("checkRefCycles", () => {
  it("names the pointer of the $ref that starts a cycle, and the cycle", () => {
    expect(check({ Entry: ref("A"), A: ref("B"), B: { ...ref("A"), description: "siblings don't help" } })).toThrow(
      "vendor.json #/components/schemas/A/$ref: $ref cycle: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A",
    );
  });

  it("refuses a schema that is only a reference to itself", () => {
    expect(check({ Self: ref("Self") })).toThrow("vendor.json #/components/schemas/Self/$ref: $ref cycle: #/components/schemas/Self → #/components/schemas/Self");
  });

  it("accepts recursive schemas and chains that end", () => {
    expect(check({ Tree: { type: "object", properties: { children: { type: "array", items: ref("Tree") } } }, Alias: ref("Other"), Other: ref("Tree") })).not.toThrow();
  });
});
