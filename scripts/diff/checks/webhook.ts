import type { DiffContext, Emit } from "../context.js";
import type { OperationPair } from "../pair.js";
import { child } from "../side.js";
import { compareContent } from "./content.js";
import { responsesOf } from "./responses.js";

const received = { added: "response-media-type-added", removed: "response-media-type-removed", generalized: "response-media-type-generalized" } as const;
const sent = { added: "request-media-type-added", removed: "request-media-type-removed" } as const;

/**
 * A webhook present in both documents. Its roles are the reverse of an operation's: the server writes the request
 * and the app reads it, so the request body is compared as response data (widening it breaks the app); the app
 * writes the response, so the bodies of the statuses on both sides are compared as request data.
 */
export function compareWebhook({ old, new: now }: OperationPair, ctx: DiffContext, emit: Emit): void {
  const before = ctx.old.deref(old.operation.requestBody, child(old.pointer, "requestBody"));
  const after = ctx.new.deref(now.operation.requestBody, child(now.pointer, "requestBody"));
  if (before && after) compareContent(ctx, emit, "response", before, after, received, "webhook request body");
  const replies = responsesOf(ctx.new, now.operation.responses, child(now.pointer, "responses"));
  for (const [status, response] of responsesOf(ctx.old, old.operation.responses, child(old.pointer, "responses"))) {
    const same = replies.get(status);
    if (same) compareContent(ctx, emit, "request", response, same, sent, `webhook ${status} response`);
  }
}
