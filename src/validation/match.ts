// How a response finds what the spec declares for it, as OpenAPI orders the candidates.

/** The response key a status falls under: the exact status, else its range ("4XX"), else "default". */
export function responseKey(status: number, declared: Record<string, unknown>): string | undefined {
  return firstDeclared([String(status), `${String(status)[0]}XX`, "DEFAULT"], declared, (key) => key.toUpperCase());
}

/**
 * The declared media type a Content-Type falls under, parameters (`; charset`) dropped and case ignored: the same
 * type, else its `type/*`, else `*\/*`.
 */
export function mediaTypeKey(contentType: string, declared: Record<string, unknown>): string | undefined {
  const type = essence(contentType);
  return firstDeclared([type, `${type.split("/")[0]}/*`, "*/*"], declared, essence);
}

/** A media type without its parameters, lowercase. */
export const essence = (mediaType: string): string => mediaType.split(";")[0]!.trim().toLowerCase();

function firstDeclared(candidates: string[], declared: Record<string, unknown>, normalize: (key: string) => string): string | undefined {
  const keys = Object.keys(declared);
  for (const candidate of candidates) {
    const found = keys.find((key) => normalize(key) == candidate);
    if (found !== undefined) return found;
  }
  return undefined;
}
