import { components } from "./components.js";
import type { DocumentCheck } from "./document.js";
import { operation, type OperationCheck } from "./operation.js";
import { parameters } from "./parameters.js";
import { requestBody } from "./request-body.js";
import { responses } from "./responses.js";
import { securityRequirements } from "./security-requirements.js";
import { securitySchemes } from "./security-schemes.js";
import { servers } from "./servers.js";

/**
 * The checks, in the order they run. The ids they report, with verdicts and docs, are in ../catalogue.ts;
 * the checks on schemas are in ./schema/index.ts. A new kind of change is a new row there and a new check here.
 */
export const documentChecks: readonly DocumentCheck[] = [servers, securitySchemes];

/** Run on each operation present in both documents. */
export const operationChecks: readonly OperationCheck[] = [operation, parameters, requestBody, responses, securityRequirements];

/** Run once every operation is walked: they use what the walk learned (which components were renamed). */
export const afterWalkChecks: readonly DocumentCheck[] = [components];
