import { createRequire } from "node:module";

// TypeScript is one 9 MB CommonJS file. Imported as ESM (directly, or by openapi-typescript's ESM build), Node
// first scans all of it for export names, about 0.4 s of every `npm run generate`; `require` skips that scan.
// Both packages are loaded here, through their CommonJS builds, so that nothing imports them as ESM.
const require = createRequire(import.meta.url);

export const ts: typeof import("typescript") = require("typescript");
export const openapiTypescript: typeof import("openapi-typescript") = require("openapi-typescript");
