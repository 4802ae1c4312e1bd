import { describe, expect, it } from "vitest";
import { mediaTypeKey, responseKey } from "../../src/validation/match.js";

describe("what a response falls under", () => {
  it("its status: exact, then its range, then default", () => {
    const declared = { "200": 1, "4XX": 1, default: 1 };
    expect([200, 404, 500, 201].map((status) => responseKey(status, declared))).toEqual(["200", "4XX", "default", "default"]);
    expect(responseKey(201, { "200": 1 })).toBeUndefined();
    // a lowercase range, as some specs write it
    expect(responseKey(503, { "5xx": 1 })).toBe("5xx");
  });

  it("its content type: parameters and case aside; exact, then type/*, then */*", () => {
    const declared = { "application/json": 1, "text/*": 1, "*/*": 1 };
    expect(mediaTypeKey("Application/JSON; charset=utf-8", declared)).toBe("application/json");
    expect(mediaTypeKey("text/csv", declared)).toBe("text/*");
    expect(mediaTypeKey("image/png", declared)).toBe("*/*");
    expect(mediaTypeKey("image/png", { "application/json": 1 })).toBeUndefined();
    expect(mediaTypeKey("application/json", { "application/json; charset=utf-8": 1 })).toBe("application/json; charset=utf-8");
  });
});
