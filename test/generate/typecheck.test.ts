import { describe, expect, it } from "vitest";
import { typecheck } from "../../scripts/generate/typecheck.js";

describe("typecheck of generated files", () => {
  const files = new Map([
    ["api.ts", "export type A = { a: string };\n"],
    ["api.validators.ts", 'export const n: number = "not a number";\n'],
  ]);

  it("type-checks every file unless told a file is plain code", () => {
    expect(typecheck(files).map((problem) => problem.file)).toEqual(["api.validators.ts"]);
  });

  it("only parses the files named plain code: a type error passes, a syntax error doesn't", () => {
    const plainCode = (name: string) => name.endsWith(".validators.ts");
    expect(typecheck(files, new Map(), plainCode)).toEqual([]);
    const broken = new Map([...files, ["api.validators.ts", "export const n = {;\n"]]);
    expect(typecheck(broken, new Map(), plainCode).map((problem) => problem.file)).toEqual(["api.validators.ts"]);
  });
});
