// The shape every generated `<api>.validators.ts` shares (scripts/generate/emit-validators.ts writes the same
// declarations into each): an app's own module and the package's are taken by that shape alone.
import type { OperationChecks } from "../../generated/axiom.validators.js";

export type { Check, Issue, OperationChecks, ResponseChecks } from "../../generated/axiom.validators.js";

/** A generated module's `validators`: by "METHOD /path", as the paths type has them. */
export type Validators = Record<string, OperationChecks>;
