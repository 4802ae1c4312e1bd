import type { SchemaCheck } from "../../schema/compare.js";
import { compareKeyword, keywordIds } from "./keyword.js";

export const containsIds = keywordIds("request-contains-tightened", "request-contains-relaxed", "response-contains-tightened", "response-contains-relaxed");

/** `contains`: at least one item must match (how many is `minContains`/`maxContains`, among the constraints). */
export const contains: SchemaCheck = (pair) => compareKeyword(pair, containsIds, "contains");

const propertyNamesIds = keywordIds(
  "request-property-names-tightened",
  "request-property-names-relaxed",
  "response-property-names-tightened",
  "response-property-names-relaxed",
);

/** `propertyNames`: a schema every property name must match. */
export const propertyNames: SchemaCheck = (pair) => compareKeyword(pair, propertyNamesIds, "propertyNames");

const notIds = keywordIds("request-not-tightened", "request-not-relaxed", "response-not-tightened", "response-not-relaxed");

/** `not`: instances matching its schema are invalid, so its changes count the other way round. */
export const not: SchemaCheck = (pair) => compareKeyword(pair, notIds, "not", true);

const unevaluatedIds = keywordIds(
  "request-unevaluated-tightened",
  "request-unevaluated-relaxed",
  "response-unevaluated-tightened",
  "response-unevaluated-relaxed",
);

/** `unevaluatedProperties`/`unevaluatedItems`: what the rest of the schema leaves undescribed, closed (`false`) or typed. */
export const unevaluated: SchemaCheck = (pair) => {
  compareKeyword(pair, unevaluatedIds, "unevaluatedProperties");
  compareKeyword(pair, unevaluatedIds, "unevaluatedItems");
};
