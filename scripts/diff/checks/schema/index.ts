import type { SchemaCheck } from "../../schema/compare.js";
import { additionalProperties } from "./additional-properties.js";
import { contains, not, propertyNames, unevaluated } from "./asserted.js";
import { conditional } from "./conditional.js";
import { constValue } from "./const.js";
import { constraints } from "./constraints.js";
import { dependentRequired, dependentSchemas } from "./dependent.js";
import { encodedContent } from "./encoded-content.js";
import { defaultValue } from "./default.js";
import { enumValues } from "./enum.js";
import { format } from "./format.js";
import { items } from "./items.js";
import { nullable } from "./nullable.js";
import { oneOfOverlap } from "./one-of-overlap.js";
import { pattern } from "./pattern.js";
import { patternProperties } from "./pattern-properties.js";
import { prefixItems } from "./prefix-items.js";
import { properties } from "./properties.js";
import { type } from "./type.js";
import { variants } from "./variants.js";

/**
 * The checks run on every pair of schemas, in this order. `variants` and `type` may stop the rest: once the
 * alternatives are compared one by one, or the types share nothing, the remaining checks would only repeat it.
 */
export const schemaChecks: readonly SchemaCheck[] = [
  nullable,
  oneOfOverlap,
  variants,
  type,
  enumValues,
  constValue,
  format,
  constraints,
  pattern,
  defaultValue,
  additionalProperties,
  properties,
  patternProperties,
  propertyNames,
  dependentRequired,
  dependentSchemas,
  unevaluated,
  items,
  prefixItems,
  contains,
  conditional,
  not,
  encodedContent,
];
