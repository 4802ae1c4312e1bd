import type { SchemaCheck } from "../../schema/compare.js";
import { entries } from "../../schema/view.js";
import { codes } from "../../text.js";
import { compareEntries, compareNested, judge, keywordIds } from "./keyword.js";

const requiredIds = keywordIds(
  "request-dependent-required-tightened",
  "request-dependent-required-relaxed",
  "response-dependent-required-tightened",
  "response-dependent-required-relaxed",
);

/** `dependentRequired`: names that must be present when a property is; each name added narrows, each removed widens. */
export const dependentRequired: SchemaCheck = (pair) => {
  const [before, after] = [entries(pair.old, "dependentRequired"), entries(pair.new, "dependentRequired")];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [old, now] = [names(before.get(key)), names(after.get(key))];
    const at = { old: before.get(key)?.[0]?.pointer ?? pair.old.pointer, new: after.get(key)?.[0]?.pointer ?? pair.new.pointer };
    const added = [...now].filter((name) => !old.has(name));
    const removed = [...old].filter((name) => !now.has(name));
    if (added.length > 0) judge(pair, requiredIds, true, `when \`${key}\` is present, ${codes(added)} must be too (\`dependentRequired\`)`, at);
    if (removed.length > 0) judge(pair, requiredIds, false, `when \`${key}\` is present, ${codes(removed)} no longer must be (\`dependentRequired\`)`, at);
  }
};

function names(parts: ReadonlyArray<{ value: unknown }> | undefined): Set<string> {
  return new Set((parts ?? []).flatMap((part) => (Array.isArray(part.value) ? part.value.map(String) : [])));
}

const schemasIds = keywordIds(
  "request-dependent-schemas-tightened",
  "request-dependent-schemas-relaxed",
  "response-dependent-schemas-tightened",
  "response-dependent-schemas-relaxed",
);

/** `dependentSchemas`: a schema the whole object must match when a property is present. */
export const dependentSchemas: SchemaCheck = (pair) =>
  compareEntries(pair, schemasIds, "dependentSchemas", (old, now) => compareNested(pair, schemasIds, old, now));
