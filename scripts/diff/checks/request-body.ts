import { child } from "../side.js";
import { compareContent } from "./content.js";
import type { OperationCheck } from "./operation.js";

/** The request body: added, removed, made (not) required, and its content compared as request data. */
export const requestBody: OperationCheck = ({ old, new: now }, ctx, emit) => {
  const before = ctx.old.deref(old.operation.requestBody, child(old.pointer, "requestBody"));
  const after = ctx.new.deref(now.operation.requestBody, child(now.pointer, "requestBody"));
  if (!before && !after) return;
  if (!before && after) {
    const required = after.value.required === true;
    const message = `now takes ${required ? "a required" : "an optional"} request body`;
    emit({ id: required ? "required-request-body-added" : "request-body-added", message, pointer: { old: old.pointer, new: after.pointer } });
    return;
  }
  if (before && !after) {
    emit({ id: "request-body-removed", message: "no longer takes a request body", pointer: { old: before.pointer, new: now.pointer } });
    return;
  }
  if (!before || !after) return;
  const [wasRequired, isRequired] = [before.value.required === true, after.value.required === true];
  if (wasRequired !== isRequired) {
    const pointer = { old: child(before.pointer, "required"), new: child(after.pointer, "required") };
    emit({
      id: isRequired ? "request-body-became-required" : "request-body-became-optional",
      message: `request body is now ${isRequired ? "required" : "optional"}`,
      pointer,
    });
  }
  compareContent(
    ctx,
    emit,
    "request",
    before,
    after,
    { added: "request-media-type-added", removed: "request-media-type-removed", renamed: "request-media-type-renamed" },
    "request body",
  );
};
