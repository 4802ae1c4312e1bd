import { describe, expect, it } from "vitest";
import { inspectDocument } from "../../scripts/lib/document-bounds.js";
import { checkRefDepth } from "../../scripts/lib/ref-depth.js";
import { fanOut, recursiveTree, refChain, refLoop } from "../helpers/hostile.js";

const check = (document: object) => () => checkRefDepth(inspectDocument(document, { file: "vendor.json", characters: 1000 }), "vendor.json");

describe("checkRefDepth", () => {
  it("accepts recursive schemas, wide ones and chains that stay within 500 levels", () => {
    expect(check(refLoop(160))).not.toThrow();
    expect(check(recursiveTree(30, "string"))).not.toThrow();
    expect(check(fanOut(40, 10, "string"))).not.toThrow();
    expect(check(refChain(160, "property"))).not.toThrow();
  });

  it("refuses a chain past 500 levels at the $ref where it passes them", () => {
    expect(check(refChain(200, "property"))).toThrow(
      "vendor.json #/components/schemas/C165/properties/a/$ref: $refs from #/components/schemas/C0 lead here more than 500 levels deep; refused",
    );
  });

  it("refuses a $ref that leads down a chain already measured, where it goes past 500 levels", () => {
    // Below C0, the chain goes 492 levels down: the request body's $ref to it is 8 levels deep, the response's 10.
    expect(check(refChain(164, "property"))).toThrow(
      "vendor.json #/paths/~1x/post/responses/200/content/application~1json/schema/$ref: following this $ref goes more than 500 levels deep; refused",
    );
  });

  it("follows a $ref into a schema inside another, and on from there", () => {
    const inner = (next: string) => ({ type: "object", properties: { y: { $ref: `#/components/schemas/${next}/properties/x` } } });
    const recursive = { A: { type: "object", properties: { x: inner("A") } } };
    expect(check({ components: { schemas: recursive } })).not.toThrow();
    // B0's x leads to B1's x, and so on: three levels a step, and no component named by a $ref of its own.
    const chain = Object.fromEntries(Array.from({ length: 170 }, (_, i) => [`B${i}`, { type: "object", properties: { x: inner(`B${i + 1}`) } }]));
    expect(check({ components: { schemas: { ...chain, B170: { properties: { x: { type: "string" } } } } } })).toThrow(
      "vendor.json #/components/schemas/B166/properties/x/properties/y/$ref: $refs from #/components/schemas/B1/properties/x lead here more than 500 levels deep",
    );
  });
});
