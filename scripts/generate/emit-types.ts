import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import type { OpenAPIDocument } from "../lib/load-spec.js";

/** openapi-typescript's output for one built description, with its default options. */
export async function emitTypes(document: OpenAPIDocument): Promise<string> {
  // openapi-typescript bundles its input in place; it gets a copy so the description we write stays as built.
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], { silent: true });
  return COMMENT_HEADER + astToString(ast);
}
