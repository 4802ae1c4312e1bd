import { catalogue, type ChangeId } from "../catalogue.js";
import type { Finding } from "../types.js";

/**
 * What comparing one pair of schemas found. Each finding is kept once, by the pair that found it; a pair that
 * descends into others links to their comparisons instead of copying what they found. Copying made a schema whose
 * ten properties all `$ref` the next one, forty levels down, hold 10^40 copies of the finding at the bottom.
 * Links may form cycles: a recursive schema links back to a comparison still under way.
 */
export interface Comparison {
  readonly own: Finding[];
  readonly links: Link[];
  /** False while the pair's checks run. */
  done: boolean;
}

/** What an inner comparison finds is found here too, as it is or relayed under other ids. */
export interface Link {
  to: Comparison;
  relay: Relay | undefined;
}

/**
 * A keyword whose subschema openapi-typescript leaves out of the types (`not`, `then`, …) reports the changes inside
 * it under its own ids, chosen by whether the inner change is safe on the wire or not.
 */
export interface Relay {
  safe: ChangeId;
  unsafe: ChangeId;
}

/** A comparison that found nothing and links to nothing: shared by every pair with no change. */
export const nothing: Comparison = Object.freeze({ own: [], links: [], done: true }) as Comparison;

/** Add what `inner` finds, now and once it is done, to what `outer` finds. */
export function link(outer: Comparison, inner: Comparison, relay?: Relay): void {
  if (inner !== nothing && (inner !== outer || relay)) outer.links.push({ to: inner, relay });
}

export function relayedId(relay: Relay, id: ChangeId): ChangeId {
  return catalogue[id].wire === "safe" ? relay.safe : relay.unsafe;
}

/**
 * Every finding of `comparison` and of the comparisons it links to, each relayed as the links on the way say.
 * A comparison is visited once for each way its findings are relayed, of which there are few: a relay depends only
 * on whether the id it relays is safe. One still under way is left out: what it finds is not all known yet, so it
 * is taken as equal, as a type checker assumes a recursive type it is still checking. `step` is told the work done
 * for each comparison visited, so that the caller can count it.
 */
export function findingsOf(comparison: Comparison, step: (work: number) => void): readonly Finding[] {
  // Most comparisons link to nothing (most are `nothing`): they are their own findings.
  if (comparison.links.length === 0) {
    step(1 + comparison.own.length);
    return comparison.done ? comparison.own : [];
  }
  const found: Finding[] = [];
  const seen = new Map<Comparison, Set<string>>();
  // A loop, not recursion: the links can run as deep as the schemas nest.
  const pending: Array<[Comparison, Relay | undefined]> = [[comparison, undefined]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [at, relay] = next;
    const how = relay ? `${relay.safe} ${relay.unsafe}` : "";
    const ways = seen.get(at) ?? new Set();
    if (!at.done || ways.has(how)) continue;
    seen.set(at, ways.add(how));
    step(1 + at.own.length);
    for (const finding of at.own) found.push(relay ? { ...finding, id: relayedId(relay, finding.id) } : finding);
    for (const inner of at.links) pending.push([inner.to, inner.relay ? then(inner.relay, relay) : relay]);
  }
  return found;
}

/** `inner` applied first, then `outer`: an id relayed through two keywords (a `not` inside a `not`). */
function then(inner: Relay, outer: Relay | undefined): Relay {
  return outer ? { safe: relayedId(outer, inner.safe), unsafe: relayedId(outer, inner.unsafe) } : inner;
}
