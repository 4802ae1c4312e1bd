import { validators } from "../../generated/galileo.validators.js";
import { createValidation } from "./validation.js";

/** The checks of the package's Galileo description, for `createGalileoClient({ validate: "warn", validation: galileoValidation })`. */
export const galileoValidation = createValidation(validators);
