import { describe, expect, it } from "vitest";
import { sameWithoutRefs } from "../../scripts/diff/schema/same.js";

describe("sameWithoutRefs", () => {
  it("holds for equal schemas whatever their key order", () => {
    expect(
      sameWithoutRefs(
        { type: "object", properties: { a: { type: "string", enum: ["x"] } } },
        { properties: { a: { enum: ["x"], type: "string" } }, type: "object" },
      ),
    ).toBe(true);
  });

  it.each([
    ["a different value", { type: "string" }, { type: "integer" }],
    ["a missing key", { type: "string", format: "uuid" }, { type: "string" }],
    ["a different array", { enum: ["a", "b"] }, { enum: ["b", "a"] }],
    ["a $ref, whose target may have changed", { items: { $ref: "#/components/schemas/A" } }, { items: { $ref: "#/components/schemas/A" } }],
  ])("does not hold for %s", (_, a, b) => {
    expect(sameWithoutRefs(a, b)).toBe(false);
  });
});
