import { readFile } from "node:fs/promises";
import vm from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// "Plain code, no eval": the generated validators and samples run where a strict Content-Security-Policy forbids
// turning strings into code. V8 enforces the same rule in a context made with `codeGeneration: { strings: false }`
// (eval and new Function throw an EvalError there), so each module is run in one, and its checks called.
type Module = { validators?: Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>; samples?: unknown };

async function runWithoutCodeGeneration(file: string): Promise<Module> {
  const source = await readFile(file, "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const context = vm.createContext({ module: { exports: {} }, exports: {} }, { codeGeneration: { strings: false, wasm: false } });
  expect(() => vm.runInContext("eval('1')", context)).toThrow(/Code generation from strings disallowed/);
  vm.runInContext(`(function (exports, module) {\n${outputText}\n})(module.exports, module);`, context);
  return vm.runInContext("module.exports", context) as Module;
}

describe.each(["axiom", "galileo"])("generated/%s: under a no-eval policy", (api) => {
  it("its validators load and check responses", async () => {
    const { validators } = await runWithoutCodeGeneration(`generated/${api}.validators.ts`);
    const operations = Object.values(validators!);
    expect(operations.length).toBeGreaterThan(50);
    // A value no schema allows (a symbol) is refused by every check but those of schemas that allow anything.
    let refused = 0;
    for (const operation of operations) {
      for (const response of Object.values(operation.responses)) {
        const check = response.content?.["application/json"] as ((value: unknown, pointer: string, issues: unknown[]) => void) | null | undefined;
        if (!check) continue;
        const issues: unknown[] = [];
        check(Symbol("not JSON"), "", issues);
        if (issues.length > 0) refused++;
      }
    }
    expect(refused).toBeGreaterThan(50);
  });

  it("its samples load", async () => {
    const { samples } = await runWithoutCodeGeneration(`generated/${api}.samples.ts`);
    expect(Object.keys(samples as object).length).toBeGreaterThan(50);
  });
});
