import { validators } from "../../generated/axiom.validators.js";
import { createValidation } from "./validation.js";

/** The checks of the package's Axiom description, for `createAxiomClient({ validate: "warn", validation: axiomValidation })`. */
export const axiomValidation = createValidation(validators);
