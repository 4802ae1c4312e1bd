import { child, isJson, type Json, type Located, type Side } from "../side.js";
import { code } from "../text.js";
import type { DocumentCheck } from "./document.js";

/** What decides how a client sends credentials; `scheme` is case-insensitive (RFC 7235). */
const fields = ["type", "in", "name", "scheme", "bearerFormat", "openIdConnectUrl"] as const;
const flowUrls = ["authorizationUrl", "tokenUrl", "refreshUrl"] as const;

/** `components.securitySchemes`: schemes added, removed, or changed in how credentials are sent. */
export const securitySchemes: DocumentCheck = (ctx, emit) => {
  const before = schemesOf(ctx.old);
  const after = schemesOf(ctx.new);
  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) {
      emit({ id: "security-scheme-removed", message: `security scheme ${code(name)} removed`, pointer: { old: old.pointer } });
      continue;
    }
    const differences = differencesBetween(old.value, now.value);
    if (differences.length === 0) continue;
    emit({
      id: "security-scheme-changed",
      message: `security scheme ${code(name)} changed: ${differences.join("; ")}`,
      pointer: { old: old.pointer, new: now.pointer },
    });
  }
  for (const [name, now] of after) {
    if (!before.has(name)) emit({ id: "security-scheme-added", message: `security scheme ${code(name)} added`, pointer: { new: now.pointer } });
  }
};

function differencesBetween(old: Json, now: Json): string[] {
  const found: string[] = [];
  for (const field of fields) {
    const [a, b] = [normalise(field, old[field]), normalise(field, now[field])];
    if (a !== b) found.push(`${field} ${code(a ?? "(none)")} → ${code(b ?? "(none)")}`);
  }
  const [flowsBefore, flowsAfter] = [isJson(old.flows) ? old.flows : {}, isJson(now.flows) ? now.flows : {}];
  for (const [flow, settings] of Object.entries(flowsBefore)) {
    const next = flowsAfter[flow];
    if (!isJson(next)) {
      found.push(`OAuth flow ${code(flow)} removed`);
      continue;
    }
    for (const url of flowUrls) {
      if (isJson(settings) && settings[url] !== next[url]) found.push(`${flow} ${url} ${code(settings[url] ?? "(none)")} → ${code(next[url] ?? "(none)")}`);
    }
  }
  return found;
}

function normalise(field: string, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return field === "scheme" ? value.toLowerCase() : value;
}

function schemesOf(side: Side): Map<string, Located> {
  const schemes = side.doc.components?.securitySchemes ?? {};
  const found = new Map<string, Located>();
  for (const [name, raw] of Object.entries(schemes)) {
    const located = side.deref(raw, child("/components/securitySchemes", name));
    if (located) found.set(name, located);
  }
  return found;
}
