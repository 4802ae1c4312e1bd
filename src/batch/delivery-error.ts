import { excerpt, GalaxiomError } from "../errors.js";

/**
 * Events that will not reach the server, and why: a batch that finally failed (its `cause` says how), events
 * refused by the server, dropped while the queue was full, or given up on by `flush()`. `onError` gets one per
 * loss; `flush()` rejects with one that sums the losses it reports, each in `errors`.
 */
export class DeliveryError extends GalaxiomError {
  override name = "DeliveryError";
  /** How many events this error accounts for: lost, or at best of unknown fate (given up on while in flight). */
  declare readonly lost: number;
  /** The losses a `flush()` reports, the latest ones when there were many; empty on a single loss. */
  declare readonly errors: DeliveryError[];

  constructor(message: string, lost: number, options: { cause?: unknown; errors?: DeliveryError[] } = {}) {
    super(message, undefined, options.cause);
    Object.assign(this, { lost, errors: options.errors ?? [] });
  }
}

/** `: what went wrong`, in a line, from whatever was thrown; nothing for an empty message. */
export function reasonOf(failure: unknown): string {
  return excerpt(String((failure as { message?: unknown } | null)?.message ?? failure));
}
