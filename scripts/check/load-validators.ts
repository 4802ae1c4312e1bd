import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { emitValidators } from "../generate/emit-validators.js";
import type { OpenAPIDocument } from "../lib/load-spec.js";
import type { Validators } from "./mismatches.js";

/**
 * The validators `generate` would write for a description, loaded: emitted in memory, transpiled, written to a
 * temporary module and imported. This runs code the build generated from the description, as the client package
 * runs generated/<api>.validators.ts: the emitter writes plain checks, never the document's text as code, and
 * nothing of the recording is evaluated.
 */
export async function loadValidators(document: OpenAPIDocument, name: string): Promise<{ validators: Validators; uncheckedFormats: readonly string[] }> {
  const source = emitValidators(document, `${name}.openapi.yaml`);
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const folder = await mkdtemp(path.join(tmpdir(), "galaxiom-check-"));
  try {
    const file = path.join(folder, `${name.replace(/[^\w-]/g, "_")}.validators.mjs`);
    await writeFile(file, outputText);
    const { validators, uncheckedFormats } = (await import(pathToFileURL(file).href)) as { validators: Validators; uncheckedFormats: readonly string[] };
    return { validators, uncheckedFormats };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
