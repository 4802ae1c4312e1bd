import type { SchemaCheck } from "../../schema/compare.js";
import { keyword } from "../../schema/view.js";
import { code } from "../../text.js";

/** A request `default` is what the server assumes when the client leaves the value out, so changing it changes behaviour. */
export const defaultValue: SchemaCheck = (pair) => {
  if (pair.dir !== "request") return;
  const [before, after] = [keyword(pair.old, "default"), keyword(pair.new, "default")];
  if (JSON.stringify(before?.value) === JSON.stringify(after?.value)) return;
  const at = { old: before?.pointer ?? pair.old.pointer, new: after?.pointer ?? pair.new.pointer };
  const detail = !before
    ? `default ${code(after?.value)} added`
    : !after
      ? `default ${code(before.value)} removed`
      : `default changed from ${code(before.value)} to ${code(after.value)}`;
  pair.report("request-default-changed", `${detail}; clients that leave it out get different behaviour`, at);
};
