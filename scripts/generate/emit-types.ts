import { openapiTypescript, ts } from "../lib/commonjs.js";
import type { OpenAPIDocument } from "../lib/load-spec.js";
import { eagerlyRecursiveSchemas, hoistRecursiveSchemas } from "./recursive-types.js";

export interface EmittedTypes {
  text: string;
  /** Schema name → the module-level alias its recursive type was hoisted into. */
  aliases: Map<string, string>;
}

/**
 * openapi-typescript's output for one built description, with its default options but two, for what the client
 * sends as it is: a `format: binary` string is typed as the binary data fetch sends (see BINARY), as
 * openapi-typescript's docs advise for uploads, and a form body may also be the runtime's own form object.
 * It runs through the Node API with its own built-in minimal Redocly config, so no redocly.yaml (ours or one in
 * the working directory) can change what it generates.
 */
export async function emitTypes(document: OpenAPIDocument): Promise<EmittedTypes> {
  // openapi-typescript bundles its input in place: the caller passes a document it no longer needs.
  const { default: openapiTS, astToString, COMMENT_HEADER } = openapiTypescript;
  const recursive = eagerlyRecursiveSchemas(document.components?.schemas ?? {});
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    silent: true,
    // A property with a `default` is optional, as the spec's `required` says: openapi-typescript's default makes it
    // required, so a request body the API accepts (Axiom's CreateDataset without `description`) wouldn't compile,
    // and a response missing it would type-check as present while the validators, which follow `required`, let it by.
    defaultNonNullable: false,
    transform: (schema) => (schema.format === "binary" ? binaryType(schema.nullable === true) : undefined),
    postTransform: (type, { path }) => withFormObject(type, path ?? ""),
  });
  const { nodes, aliases } = hoistRecursiveSchemas(ast, recursive);
  return { text: COMMENT_HEADER + astToString(nodes), aliases };
}

/**
 * What a `format: binary` string may be given as: the data fetch sends as it is (the client never JSON-encodes it),
 * or a string. Both vendors use it only in request bodies (Axiom's ingest, Galileo's file uploads), so a response is
 * never typed with it; a spec that did would get a wider type than its JSON can carry, not a narrower one.
 */
const BINARY = ["Blob", "ArrayBuffer", "ArrayBufferView", "ReadableStream<Uint8Array>", "string"];

function binaryType(nullable: boolean): import("typescript").TypeNode {
  const { factory } = ts;
  const members: import("typescript").TypeNode[] = BINARY.map((name) => {
    const [base, argument] = name.split(/[<>]/);
    return factory.createTypeReferenceNode(base!, argument ? [factory.createTypeReferenceNode(argument)] : undefined);
  });
  if (nullable) members.push(factory.createLiteralTypeNode(factory.createNull()));
  return factory.createUnionTypeNode(members);
}

/** A multipart body may also be a FormData, a URL-encoded one URLSearchParams: the client sends either as it is. */
function withFormObject(type: import("typescript").TypeNode, path: string): import("typescript").TypeNode | undefined {
  const form = /\/requestBody\/content\/multipart~1[^/]+$/.test(path)
    ? "FormData"
    : /\/requestBody\/content\/application~1x-www-form-urlencoded$/.test(path)
      ? "URLSearchParams"
      : undefined;
  return form && ts.factory.createUnionTypeNode([type, ts.factory.createTypeReferenceNode(form)]);
}
