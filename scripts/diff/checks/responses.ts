import type { DiffContext, Emit } from "../context.js";
import { compareSchemas } from "../schema/compare.js";
import { child, isJson, type Located, type Side } from "../side.js";
import { code } from "../text.js";
import { compareContent } from "./content.js";
import type { OperationCheck } from "./operation.js";
import { schemaOf } from "./parameters.js";

const contentIds = {
  added: "response-media-type-added",
  removed: "response-media-type-removed",
  generalized: "response-media-type-generalized",
  renamed: "response-media-type-renamed",
} as const;

/** Response status codes added and removed; for each status in both, its content and headers. */
export const responses: OperationCheck = ({ old, new: now }, ctx, emit) => {
  const before = responsesOf(ctx.old, old.operation.responses, child(old.pointer, "responses"));
  const after = responsesOf(ctx.new, now.operation.responses, child(now.pointer, "responses"));
  for (const [status, response] of before) {
    const same = after.get(status);
    if (!same) {
      const id = isSuccess(status) ? "response-success-status-removed" : "response-error-status-removed";
      emit({ id, message: `status \`${status}\` is no longer returned`, pointer: { old: response.pointer, new: child(now.pointer, "responses") } });
      continue;
    }
    compareContent(ctx, emit, "response", response, same, contentIds, `${status} response`);
    compareHeaders(ctx, emit, response, same, status);
  }
  for (const [status, response] of after) {
    if (before.has(status)) continue;
    const id = isSuccess(status) ? "response-success-status-added" : "response-error-status-added";
    emit({ id, message: `may now return status \`${status}\``, pointer: { old: child(old.pointer, "responses"), new: response.pointer } });
  }
};

function compareHeaders(ctx: DiffContext, emit: Emit, old: Located, now: Located, status: string): void {
  const before = headersOf(ctx.old, old);
  const after = headersOf(ctx.new, now);
  for (const [key, header] of before) {
    const same = after.get(key);
    const name = same?.name ?? header.name;
    const required = header.value.required === true;
    if (!same) {
      const id = required ? "required-response-header-removed" : "response-header-removed";
      emit({ id, message: `${status} response header ${code(name)} is no longer sent`, pointer: { old: header.pointer, new: now.pointer } });
      continue;
    }
    if (same.name !== header.name) {
      const message = `${status} response header ${code(header.name)} is now written ${code(same.name)}, another key in the generated types`;
      emit({ id: "response-header-case-changed", message, pointer: { old: header.pointer, new: same.pointer } });
    }
    if (required && same.value.required !== true) {
      const pointer = { old: child(header.pointer, "required"), new: child(same.pointer, "required") };
      emit({ id: "response-header-became-optional", message: `${status} response header ${code(name)} may now be missing`, pointer });
    }
    for (const finding of compareSchemas(ctx, "response", schemaOf(header), schemaOf(same))) emit(finding);
  }
}

export function responsesOf(side: Side, responses: unknown, pointer: string): Map<string, Named> {
  return resolvedEntries(side, responses, pointer, (status) => status);
}

/** Headers by lower-cased name; `Content-Type` is described by `content`, so OpenAPI ignores it here. */
function headersOf(side: Side, response: Located): Map<string, Named> {
  const headers = resolvedEntries(side, response.value.headers, child(response.pointer, "headers"), (name) => name.toLowerCase());
  headers.delete("content-type");
  return headers;
}

/** The entries of a map of (possibly `$ref`'d) objects, resolved, each with the name it has in the document. */
function resolvedEntries(side: Side, map: unknown, pointer: string, keyOf: (key: string) => string): Map<string, Named> {
  const found = new Map<string, Named>();
  for (const [name, raw] of Object.entries(isJson(map) ? map : {})) {
    const located = side.deref(raw, child(pointer, name));
    if (located) found.set(keyOf(name), { ...located, name });
  }
  return found;
}

type Named = Located & { name: string };

function isSuccess(status: string): boolean {
  return status.startsWith("2");
}
