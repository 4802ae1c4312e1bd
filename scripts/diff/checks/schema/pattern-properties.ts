import type { SchemaCheck } from "../../schema/compare.js";
import { compareEntries, keywordIds } from "./keyword.js";

const ids = keywordIds(
  "request-pattern-properties-tightened",
  "request-pattern-properties-relaxed",
  "response-pattern-properties-tightened",
  "response-pattern-properties-relaxed",
);

/**
 * `patternProperties`: a pattern added constrains the properties it matches, one removed frees them. openapi-typescript
 * emits their schemas as the index signature, so a pattern kept on both sides is compared like a property.
 */
export const patternProperties: SchemaCheck = (pair) => compareEntries(pair, ids, "patternProperties", (old, now) => pair.recurse(old, now));
