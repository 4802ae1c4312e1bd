import { describe, expectTypeOf, it } from "vitest";
import { createAxiomClient, createGalileoClient, type ValidateMode } from "../../src/index.js";
import { createValidation, type Validation } from "../../src/validation/index.js";

const validation = createValidation({});

describe("validate", () => {
  it("takes off, warn or throw, on clients and calls, and nothing else", () => {
    expectTypeOf<ValidateMode>().toEqualTypeOf<"off" | "warn" | "throw">();
    expectTypeOf(validation).toEqualTypeOf<Validation>();
    const axiom = createAxiomClient({ token: "xaat-types", validate: "warn", validation });
    createGalileoClient({ apiKey: "gk-types", validate: "throw", validation });
    axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t" } }, validate: "off" });
    axiom.tokens.get("t", { validate: "throw" });
    // @ts-expect-error: not a mode
    createAxiomClient({ token: "xaat-types", validate: "bogus", validation });
    // @ts-expect-error: not a mode
    axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t" } }, validate: true });
  });
});
