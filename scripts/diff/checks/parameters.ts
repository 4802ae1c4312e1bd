import { catalogue } from "../catalogue.js";
import type { DiffContext, Emit } from "../context.js";
import { parametersOf } from "../pair.js";
import { compareSchemas } from "../schema/compare.js";
import { compareSerialisation } from "./serialisation.js";
import type { Position } from "../schema/view.js";
import { child, isJson, type Located } from "../side.js";
import { code } from "../text.js";
import type { OperationCheck } from "./operation.js";

/** Parameters added, removed, moved or made (not) required, and their schemas compared as request data. */
export const parameters: OperationCheck = (pair, ctx, emit) => {
  const before = parametersOf(ctx.old, pair.old, pair.renamedParameters);
  const after = parametersOf(ctx.new, pair.new);
  const removed = [...before].filter(([key]) => !after.has(key));
  const added = new Map([...after].filter(([key]) => !before.has(key)));
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now) compareParameter(ctx, emit, old, now);
  }
  for (const [, old] of removed) {
    const moved = [...added].find(([, now]) => String(now.value.name).toLowerCase() === String(old.value.name).toLowerCase());
    if (moved) {
      added.delete(moved[0]);
      const message = `parameter ${code(old.value.name)} moved from ${old.value.in} to ${moved[1].value.in}`;
      emit({ id: "parameter-location-changed", message, pointer: { old: old.pointer, new: moved[1].pointer } });
    } else {
      emit({ id: "parameter-removed", message: `${label(old)} removed`, pointer: { old: old.pointer, new: pair.new.pointer } });
    }
  }
  for (const now of added.values()) {
    const id = isRequired(now) ? "required-parameter-added" : "parameter-added";
    emit({ id, message: `new ${isRequired(now) ? "required" : "optional"} ${label(now)}`, pointer: { old: pair.old.pointer, new: now.pointer } });
  }
};

function compareParameter(ctx: DiffContext, emit: Emit, old: Located, now: Located): void {
  const [before, after] = [isRequired(old), isRequired(now)];
  if (before !== after) {
    const pointer = { old: child(old.pointer, "required"), new: child(now.pointer, "required") };
    emit({
      id: after ? "parameter-became-required" : "parameter-became-optional",
      message: `${label(now)} is now ${after ? "required" : "optional"}`,
      pointer,
    });
  }
  if (now.value.in === "header" && old.value.name !== now.value.name) {
    // Headers are matched by lower-cased name: HTTP ignores their case, the generated key does not.
    const message = `header parameter ${code(old.value.name)} renamed to ${code(now.value.name)}; only the case changed`;
    emit({ id: "header-parameter-case-changed", message, pointer: { old: child(old.pointer, "name"), new: child(now.pointer, "name") } });
  }
  const serialisation = compareSerialisation(ctx, old, now);
  for (const finding of serialisation.findings) emit(finding);
  if (serialisation.valuesKept) return;
  const findings = compareSchemas(ctx, "request", schemaOf(old), serialisation.schema ?? schemaOf(now));
  if (!isEncoded(old) || !isEncoded(now)) {
    for (const finding of findings) emit(finding);
    return;
  }
  // openapi-typescript types a `content` parameter as `string` whatever its schema: the inner ids would claim type
  // changes that never show, so each is reported as the value taking fewer (or more) values, as compareNested does.
  for (const finding of findings) {
    emit({ ...finding, id: catalogue[finding.id].wire === "safe" ? "parameter-content-relaxed" : "parameter-content-tightened" });
  }
}

/** A parameter described by `content` (its value JSON- or otherwise encoded) rather than by `schema`. */
function isEncoded(parameter: Located): boolean {
  return parameter.value.schema === undefined && isJson(parameter.value.content);
}

/** Where a parameter's schema is: `schema`, or the one media type under `content`, or nothing (any value). */
export function schemaOf(parameter: Located): Position {
  if (parameter.value.schema !== undefined) return [{ value: parameter.value.schema, pointer: child(parameter.pointer, "schema") }];
  const [mediaType, media] = Object.entries(isJson(parameter.value.content) ? parameter.value.content : {})[0] ?? [];
  if (mediaType !== undefined && isJson(media) && media.schema !== undefined)
    return [{ value: media.schema, pointer: child(parameter.pointer, "content", mediaType, "schema") }];
  return [{ value: {}, pointer: child(parameter.pointer, "schema") }];
}

function isRequired(parameter: Located): boolean {
  return parameter.value.required === true || parameter.value.in === "path";
}

function label(parameter: Located): string {
  return `${String(parameter.value.in)} parameter ${code(parameter.value.name)}`;
}
