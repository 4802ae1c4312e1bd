/**
 * The files `generate` writes, named in one place: the build writes these names and the command's help lists
 * them from here, so the help cannot drift from what is written. Light on purpose: the help imports it.
 */
export const README_FILE = "README.md";

/** Per API, in the order the help lists them. */
export const API_FILES = {
  description: { suffix: ".openapi.yaml", about: "the description the types come from: the vendor documents selected, merged, overlaid" },
  types: { suffix: ".ts", about: "openapi-typescript's types for that description" },
  security: { suffix: ".security.ts", about: "per operation, the headers each credential its `security` accepts goes in" },
  pagination: { suffix: ".pagination.ts", about: "the operations whose lists come in pages: where the token or offset goes, where the items are" },
  mediaTypes: { suffix: ".media-types.ts", about: "per operation whose request body isn't JSON first, the media type a body is sent as" },
  validators: { suffix: ".validators.ts", about: "per operation, plain-code checks of its request body and its responses' bodies and headers" },
} as const;

export function apiFile(api: string, kind: keyof typeof API_FILES): string {
  return `${api}${API_FILES[kind].suffix}`;
}
