import type { DiffContext, Emit } from "../context.js";
import type { OperationPair } from "../pair.js";
import { child } from "../side.js";
import { code } from "../text.js";

/** A check over one operation present in both documents. */
export type OperationCheck = (pair: OperationPair, ctx: DiffContext, emit: Emit) => void;

/** The operation itself: deprecation, operationId and the names of its path parameters. */
export const operation: OperationCheck = ({ old, new: now, renamedParameters }, _ctx, emit) => {
  if (old.operation.deprecated !== true && now.operation.deprecated === true) {
    emit({ id: "operation-deprecated", message: "operation is now deprecated", pointer: { old: old.pointer, new: child(now.pointer, "deprecated") } });
  }
  const [before, after] = [old.operation.operationId, now.operation.operationId];
  const pointer = { old: child(old.pointer, "operationId"), new: child(now.pointer, "operationId") };
  if (typeof before === "string" && typeof after === "string" && before !== after) {
    emit({ id: "operation-id-changed", message: `operationId changed from ${code(before)} to ${code(after)}`, pointer });
  } else if (typeof before === "string" && typeof after !== "string") {
    emit({ id: "operation-id-removed", message: `operationId ${code(before)} removed`, pointer: { old: pointer.old, new: now.pointer } });
  }
  for (const [from, to] of renamedParameters) {
    const message = `path parameter ${code(from)} renamed to ${code(to)} (was ${old.path}); the URL is unchanged`;
    emit({ id: "path-param-renamed", message, pointer: { old: child("/paths", old.path), new: child("/paths", now.path) } });
  }
};
