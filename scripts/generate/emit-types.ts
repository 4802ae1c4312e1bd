import { openapiTypescript } from "../lib/commonjs.js";
import type { OpenAPIDocument } from "../lib/load-spec.js";
import { eagerlyRecursiveSchemas, hoistRecursiveSchemas } from "./recursive-types.js";

export interface EmittedTypes {
  text: string;
  /** Schema name → the module-level alias its recursive type was hoisted into. */
  aliases: Map<string, string>;
}

/**
 * openapi-typescript's output for one built description, with its default options. It runs through the Node
 * API with its own built-in minimal Redocly config, so no redocly.yaml (ours or one in the working directory)
 * can change what it generates.
 */
export async function emitTypes(document: OpenAPIDocument): Promise<EmittedTypes> {
  // openapi-typescript bundles its input in place; it gets a copy so the description we write stays as built.
  const { default: openapiTS, astToString, COMMENT_HEADER } = openapiTypescript;
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], { silent: true });
  const { nodes, aliases } = hoistRecursiveSchemas(ast, eagerlyRecursiveSchemas(document.components?.schemas ?? {}));
  return { text: COMMENT_HEADER + astToString(nodes), aliases };
}
