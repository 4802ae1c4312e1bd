import type { SchemaCheck } from "../../schema/compare.js";
import { additionalProperties } from "./additional-properties.js";
import { constraints } from "./constraints.js";
import { defaultValue } from "./default.js";
import { enumValues } from "./enum.js";
import { format } from "./format.js";
import { items } from "./items.js";
import { nullable } from "./nullable.js";
import { pattern } from "./pattern.js";
import { properties } from "./properties.js";
import { type } from "./type.js";
import { variants } from "./variants.js";

/**
 * The checks run on every pair of schemas, in this order. `variants` and `type` may stop the rest: once the
 * alternatives are compared one by one, or the types share nothing, the remaining checks would only repeat it.
 */
export const schemaChecks: readonly SchemaCheck[] = [nullable, variants, type, enumValues, format, constraints, pattern, defaultValue, additionalProperties, properties, items];
