import type { SchemaCheck } from "../../schema/compare.js";
import { keyword, subschema } from "../../schema/view.js";
import { compareKeyword, judge, keywordIds, pointersOf } from "./keyword.js";

const ids = keywordIds("request-conditional-tightened", "request-conditional-relaxed", "response-conditional-tightened", "response-conditional-relaxed");

/**
 * `if`/`then`/`else`. The branches narrow or widen like any asserting schema. A changed condition moves instances
 * from one branch to the other, which can go either way, so it is judged the way that breaks (narrower requests,
 * wider responses). An `if` added or removed with its branches is reported through the branches; one added or
 * removed while a branch stays makes that branch apply, or no longer apply (without `if`, `then` and `else` do nothing).
 */
export const conditional: SchemaCheck = (pair) => {
  compareKeyword(pair, ids, "then");
  compareKeyword(pair, ids, "else");
  const [before, after] = [keyword(pair.old, "if") !== undefined, keyword(pair.new, "if") !== undefined];
  if (before !== after) {
    const kept = ["then", "else"].filter((branch) => keyword(pair.old, branch) && keyword(pair.new, branch));
    const branches = kept.map((branch) => `\`${branch}\``).join(" and ");
    if (kept.length > 0)
      judge(pair, ids, after, `\`if\` ${after ? "added" : "removed"}, so ${branches} ${after ? "now apply" : "no longer apply"}`, pointersOf(pair, "if"));
    return;
  }
  if (!before) return;
  const changed = pair.inner(pair.dir, subschema(pair.old, "if"), subschema(pair.new, "if")).length > 0;
  if (changed)
    judge(pair, ids, pair.dir === "request", "the condition (`if`) changed, so other instances take the `then` and `else` branches", pointersOf(pair, "if"));
};
