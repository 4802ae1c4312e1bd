import type { DiffContext, Emit } from "../context.js";
import { parametersOf, type OperationPair } from "../pair.js";
import { compareSchemas } from "../schema/compare.js";
import { child, type Located } from "../side.js";
import { code } from "../text.js";
import { compareContent } from "./content.js";
import { schemaOf } from "./parameters.js";
import { responsesOf } from "./responses.js";

const received = {
  added: "response-media-type-added",
  removed: "response-media-type-removed",
  generalized: "response-media-type-generalized",
  renamed: "response-media-type-renamed",
} as const;
const sent = { added: "request-media-type-added", removed: "request-media-type-removed", renamed: "request-media-type-renamed" } as const;

/**
 * A webhook present in both documents. Its roles are the reverse of an operation's: the server writes the request
 * and the app reads it, so its parameters and body are compared as response data (widening them breaks the app);
 * the app writes the response, so the bodies of the statuses on both sides are compared as request data.
 */
export function compareWebhook(pair: OperationPair, ctx: DiffContext, emit: Emit): void {
  const { old, new: now } = pair;
  compareSentParameters(pair, ctx, emit);
  const before = ctx.old.deref(old.operation.requestBody, child(old.pointer, "requestBody"));
  const after = ctx.new.deref(now.operation.requestBody, child(now.pointer, "requestBody"));
  if (before && after) compareContent(ctx, emit, "response", before, after, received, "webhook request body");
  else if (before)
    emit({ id: "webhook-request-body-removed", message: "webhook request no longer has a body", pointer: { old: before.pointer, new: now.pointer } });
  else if (after) emit({ id: "webhook-request-body-added", message: "webhook request now has a body", pointer: { old: old.pointer, new: after.pointer } });
  const replies = responsesOf(ctx.new, now.operation.responses, child(now.pointer, "responses"));
  for (const [status, response] of responsesOf(ctx.old, old.operation.responses, child(old.pointer, "responses"))) {
    const same = replies.get(status);
    if (same) compareContent(ctx, emit, "request", response, same, sent, `webhook ${status} response`);
  }
}

/** The parameters the server sends with the webhook (headers, mostly): data the app reads, like a response. */
function compareSentParameters({ old, new: now }: OperationPair, ctx: DiffContext, emit: Emit): void {
  const before = parametersOf(ctx.old, old);
  const after = parametersOf(ctx.new, now);
  for (const [key, parameter] of before) {
    const same = after.get(key);
    if (same) for (const finding of compareSchemas(ctx, "response", schemaOf(parameter), schemaOf(same))) emit(finding);
    else emit({ id: "webhook-parameter-removed", message: `${label(parameter)} is no longer sent`, pointer: { old: parameter.pointer, new: now.pointer } });
  }
  for (const [key, parameter] of after) {
    if (!before.has(key))
      emit({ id: "webhook-parameter-added", message: `${label(parameter)} is now sent`, pointer: { old: old.pointer, new: parameter.pointer } });
  }
}

function label(parameter: Located): string {
  return `webhook ${String(parameter.value.in)} parameter ${code(parameter.value.name)}`;
}
