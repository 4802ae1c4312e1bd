import type { SchemaCheck } from "../../schema/compare.js";

/** `null` allowed or not, whichever way it is spelled (`nullable`, `type: [..., "null"]`, a null alternative). */
export const nullable: SchemaCheck = (pair) => {
  if (pair.old.nullable === pair.new.nullable) return;
  const request = pair.dir === "request";
  if (pair.new.nullable) pair.report(request ? "request-became-nullable" : "response-became-nullable", request ? "now accepts `null`" : "may now be `null`");
  else pair.report(request ? "request-became-not-nullable" : "response-became-not-nullable", request ? "no longer accepts `null`" : "is never `null` any more");
};
