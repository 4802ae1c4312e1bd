export { createGalileoClient, GALILEO_BASE_URL } from "./galileo.js";
export type { GalileoClient, GalileoClientOptions, GalileoPaths, GalileoSchemas, GetTokenQuery } from "./galileo.js";
export { createAxiomClient, AXIOM_BASE_URL } from "./axiom.js";
export type { AxiomClient, AxiomClientOptions, AxiomPaths, AxiomSchemas } from "./axiom.js";
export { ApiError, GalaxiomError } from "./errors.js";
export type { Operation, ValidationIssue } from "./errors.js";
export type { ClientOptions } from "./core/create-client.js";
