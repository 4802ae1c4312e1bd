import type { SchemaCheck, SchemaPair } from "../../schema/compare.js";
import { keyword, type SchemaView } from "../../schema/view.js";
import { containsIds } from "./asserted.js";
import { judge, keywordIds, pointersOf } from "./keyword.js";

const constraintIds = keywordIds("request-constraint-tightened", "request-constraint-relaxed", "response-constraint-tightened", "response-constraint-relaxed");

interface Bound {
  value: number;
  exclusive: boolean;
}

/** The size and range keywords, each a lower or an upper bound; exclusive bounds in 3.0 (boolean) and 3.1 (number) form. */
const bounds = [
  { keyword: "minimum", side: "lower", exclusive: "exclusiveMinimum" },
  { keyword: "maximum", side: "upper", exclusive: "exclusiveMaximum" },
  { keyword: "minLength", side: "lower" },
  { keyword: "maxLength", side: "upper" },
  { keyword: "minItems", side: "lower" },
  { keyword: "maxItems", side: "upper" },
  { keyword: "minProperties", side: "lower" },
  { keyword: "maxProperties", side: "upper" },
  { keyword: "minContains", side: "lower", ids: containsIds },
  { keyword: "maxContains", side: "upper", ids: containsIds },
] as const;

type BoundRule = (typeof bounds)[number];

/** Range and size limits, `uniqueItems` and `multipleOf`: a tighter limit narrows what is valid, a looser one widens it. */
export const constraints: SchemaCheck = (pair) => {
  for (const rule of bounds) compareBound(pair, rule);
  const [uniqueBefore, uniqueAfter] = [keyword(pair.old, "uniqueItems")?.value === true, keyword(pair.new, "uniqueItems")?.value === true];
  if (uniqueBefore !== uniqueAfter) report(pair, uniqueAfter, "uniqueItems", `items ${uniqueAfter ? "must now be" : "no longer need to be"} unique`);
  compareMultipleOf(pair);
};

function compareBound(pair: SchemaPair, rule: BoundRule): void {
  const [before, after] = [tightest(pair.old, rule), tightest(pair.new, rule)];
  if (sameBound(before, after)) return;
  const show = (bound: Bound) => ("exclusive" in rule ? `${symbols[rule.side][bound.exclusive ? 1 : 0]} ${bound.value}` : String(bound.value));
  const name = `\`${rule.keyword}\``;
  const ids = "ids" in rule ? rule.ids : constraintIds;
  if (!before && after) report(pair, true, rule.keyword, `${name} ${show(after)} added`, ids);
  else if (before && !after) report(pair, false, rule.keyword, `${name} ${show(before)} removed`, ids);
  else if (before && after) {
    const detail =
      after.value === before.value
        ? `made ${after.exclusive ? "exclusive" : "inclusive"} (${show(before)} → ${show(after)})`
        : `${after.value > before.value ? "raised" : "lowered"} from ${show(before)} to ${show(after)}`;
    report(pair, stricter(rule, after, before), rule.keyword, `${name} ${detail}`, ids);
  }
}

const symbols = { lower: ["≥", ">"], upper: ["≤", "<"] } as const;

function compareMultipleOf(pair: SchemaPair): void {
  const [before, after] = [keyword(pair.old, "multipleOf")?.value, keyword(pair.new, "multipleOf")?.value];
  if (before === after) return;
  const [b, a] = [typeof before === "number" ? before : undefined, typeof after === "number" ? after : undefined];
  // Every multiple of a is a multiple of b when a is itself a multiple of b: then the new rule only narrows.
  const tighter = a !== undefined && (b === undefined || Number.isInteger(a / b) || !Number.isInteger(b / a));
  report(pair, tighter, "multipleOf", `\`multipleOf\` ${b === undefined ? `${a} added` : a === undefined ? `${b} removed` : `changed from ${b} to ${a}`}`);
}

/** Report a constraint change as tightened or relaxed in the pair's direction, pointing at the keyword. */
export function report(pair: SchemaPair, tighter: boolean, name: string, detail: string, ids = constraintIds): void {
  judge(pair, ids, tighter, detail, pointersOf(pair, name));
}

/** The strictest bound any allOf part sets. */
function tightest(view: SchemaView, rule: BoundRule): Bound | undefined {
  let result: Bound | undefined;
  for (const node of view.nodes) {
    for (const bound of boundsIn(node.value, rule)) {
      if (!result || stricter(rule, bound, result)) result = bound;
    }
  }
  return result;
}

function boundsIn(schema: Record<string, unknown>, rule: BoundRule): Bound[] {
  const found: Bound[] = [];
  const plain = schema[rule.keyword];
  const exclusive = "exclusive" in rule ? schema[rule.exclusive] : undefined;
  if (typeof plain === "number") found.push({ value: plain, exclusive: exclusive === true });
  if (typeof exclusive === "number") found.push({ value: exclusive, exclusive: true });
  return found;
}

/** `a` allows less than `b`: further in, or at the same value but exclusive where `b` is not. */
function stricter(rule: BoundRule, a: Bound, b: Bound): boolean {
  if (a.value === b.value) return a.exclusive && !b.exclusive;
  return rule.side === "lower" ? a.value > b.value : a.value < b.value;
}

function sameBound(a: Bound | undefined, b: Bound | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.value === b.value && a.exclusive === b.exclusive);
}
