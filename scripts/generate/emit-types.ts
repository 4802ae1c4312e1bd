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
  // openapi-typescript bundles its input in place: the caller passes a document it no longer needs.
  const { default: openapiTS, astToString, COMMENT_HEADER } = openapiTypescript;
  const recursive = eagerlyRecursiveSchemas(document.components?.schemas ?? {});
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { silent: true });
  const { nodes, aliases } = hoistRecursiveSchemas(ast, recursive);
  return { text: COMMENT_HEADER + astToString(nodes), aliases };
}
