import type { ChangeId } from "../catalogue.js";
import type { OperationSide } from "../pair.js";
import { child, isJson, type Side } from "../side.js";
import { codes } from "../text.js";
import type { OperationCheck } from "./operation.js";

/** One way to authenticate: every scheme in it, each with the OAuth scopes it needs. An empty one is anonymous. */
type Alternative = Map<string, Set<string>>;

/**
 * The operation's effective security (its own `security`, else the document's): authentication newly
 * required or dropped, ways to authenticate added or removed, schemes added to one way, scopes changed.
 */
export const securityRequirements: OperationCheck = ({ old, new: now }, ctx, emit) => {
  const before = effective(ctx.old, old);
  const after = effective(ctx.new, now);
  const pointer = { old: before.pointer, new: after.pointer };
  const report = (id: ChangeId, message: string) => emit({ id, message, pointer });
  const [openBefore, openAfter] = [isOpen(before.alternatives), isOpen(after.alternatives)];
  if (openBefore !== openAfter) {
    if (openAfter) report("security-requirement-removed", "no longer requires authentication");
    else report("security-requirement-added", `now requires authentication: ${after.alternatives.map(describe).join(" or ")}`);
    return;
  }
  const remaining = after.alternatives.filter((alternative) => alternative.size > 0);
  const unmatched: Alternative[] = [];
  for (const alternative of before.alternatives.filter((a) => a.size > 0)) {
    const same = remaining.find((candidate) => key(candidate) === key(alternative));
    if (!same) {
      unmatched.push(alternative);
      continue;
    }
    remaining.splice(remaining.indexOf(same), 1);
    for (const [scheme, scopes] of alternative) {
      const newScopes = same.get(scheme) ?? new Set<string>();
      const added = [...newScopes].filter((scope) => !scopes.has(scope));
      const removed = [...scopes].filter((scope) => !newScopes.has(scope));
      if (added.length > 0) report("security-scope-added", `${codes([scheme])} now also needs scopes ${codes(added)}`);
      if (removed.length > 0) report("security-scope-removed", `${codes([scheme])} no longer needs scopes ${codes(removed)}`);
    }
  }
  for (const alternative of unmatched) {
    const grown = remaining.find((candidate) => contains(candidate, alternative));
    const shrunk = grown ? undefined : remaining.find((candidate) => contains(alternative, candidate));
    const successor = grown ?? shrunk;
    if (successor) remaining.splice(remaining.indexOf(successor), 1);
    const way = `authenticating with ${describe(alternative)}`;
    if (grown) report("security-requirement-added", `${way} now also needs ${codes(schemesOnlyIn(grown, alternative))}`);
    else if (shrunk) report("security-requirement-removed", `${way} no longer needs ${codes(schemesOnlyIn(alternative, shrunk))}`);
    else report("security-alternative-removed", `${way} is no longer accepted`);
  }
  for (const alternative of remaining) report("security-alternative-added", `authenticating with ${describe(alternative)} is now accepted`);
};

function effective(side: Side, op: OperationSide): { alternatives: Alternative[]; pointer: string } {
  const own = op.operation.security;
  const list = Array.isArray(own) ? own : Array.isArray(side.doc.security) ? side.doc.security : [];
  const pointer = Array.isArray(own) ? child(op.pointer, "security") : "/security";
  const alternatives = list
    .filter(isJson)
    .map((requirement) => new Map(Object.entries(requirement).map(([scheme, scopes]) => [scheme, new Set(Array.isArray(scopes) ? scopes.map(String) : [])])));
  return { alternatives, pointer };
}

/** No security, or an empty requirement among the alternatives: anyone may call. */
function isOpen(alternatives: Alternative[]): boolean {
  return alternatives.length === 0 || alternatives.some((alternative) => alternative.size === 0);
}

function key(alternative: Alternative): string {
  return [...alternative.keys()].sort().join("\n");
}

function schemesOnlyIn(alternative: Alternative, other: Alternative): string[] {
  return [...alternative.keys()].filter((scheme) => !other.has(scheme));
}

/** Every scheme of `inner` is also required by `outer`. */
function contains(outer: Alternative, inner: Alternative): boolean {
  return [...inner.keys()].every((scheme) => outer.has(scheme));
}

function describe(alternative: Alternative): string {
  return [...alternative.keys()].map((scheme) => `\`${scheme}\``).join(" + ");
}
