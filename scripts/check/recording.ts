import { SpecError } from "../lib/spec-error.js";

/** One request/response pair of a recording, as `check` reads it: nothing of the request but where it went. */
export interface Exchange {
  /** Where it is in the file: `entries[3]` (HAR) or `line 4` (NDJSON). */
  at: string;
  method: string;
  url: URL;
  status: number;
  /** Response headers by lowercase name. */
  headers: Map<string, string>;
  /** The response body: JSON when it is, else its text; undefined when there is none. */
  body: { value: unknown } | undefined;
}

/**
 * The exchanges of a HAR 1.2 file (`log.entries[]`), or of NDJSON: one `{request: {method, url}, response: {status,
 * headers?, body}}` a line, a body as a string or as JSON. What isn't either is bad input, named with its file and
 * JSON pointer or line; blank lines are skipped.
 */
export function readRecording(text: string, file: string): Exchange[] {
  const whole = parseJson(text.trim());
  if (whole.ok && isObject(whole.value) && "log" in whole.value) return harExchanges(whole.value, file);
  return text.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    const where = { file, line: index + 1 };
    const parsed = parseJson(line);
    if (!parsed.ok) throw new SpecError("not JSON: each line of an NDJSON recording is one {request, response} object (or give a HAR file)", where);
    const fail = (pointer: string, problem: string) => new SpecError(problem, pointer ? { ...where, pointer } : where);
    return [exchange(parsed.value, `line ${index + 1}`, fail, ndjsonBody)];
  });
}

type Fail = (pointer: string, problem: string) => SpecError;

function harExchanges(har: Record<string, unknown>, file: string): Exchange[] {
  const fail: Fail = (pointer, problem) => new SpecError(problem, { file, pointer });
  const entries = isObject(har.log) ? har.log.entries : undefined;
  if (!Array.isArray(entries)) throw fail("/log/entries", "a HAR file needs log.entries, an array");
  return entries.map((entry: unknown, index) =>
    exchange(entry, `entries[${index}]`, (pointer, problem) => fail(`/log/entries/${index}${pointer}`, problem), harBody),
  );
}

/**
 * The body of a HAR response: `content.text`, base64 when `content.encoding` says so. Its `mimeType` stands for the
 * Content-Type header when an exporter left the headers out.
 */
function harBody(response: Record<string, unknown>, fail: Fail, headers: Map<string, string>): string | undefined {
  const content = response.content;
  if (!isObject(content)) return undefined;
  const { text, encoding, mimeType } = content;
  if (!headers.has("content-type") && typeof mimeType == "string" && mimeType !== "") headers.set("content-type", mimeType);
  if (text === undefined) return undefined;
  if (typeof text != "string") throw fail("/response/content/text", "must be a string");
  return encoding === "base64" ? Buffer.from(text, "base64").toString("utf8") : text;
}

/** The body of an NDJSON response: a string as it is, anything else already parsed. */
function ndjsonBody(response: Record<string, unknown>): string | { value: unknown } | undefined {
  const { body } = response;
  return body === undefined || body === null || typeof body == "string" ? (body ?? undefined) : { value: body };
}

function exchange(
  entry: unknown,
  at: string,
  fail: Fail,
  bodyOf: (response: Record<string, unknown>, fail: Fail, headers: Map<string, string>) => string | { value: unknown } | undefined,
): Exchange {
  if (!isObject(entry)) throw fail("", "must be an object with request and response");
  const { request, response } = entry;
  if (!isObject(request)) throw fail("/request", "must be an object with method and url");
  if (!isObject(response)) throw fail("/response", "must be an object with status");
  const { method, url } = request;
  if (typeof method != "string" || !/^[A-Za-z]+$/.test(method)) throw fail("/request/method", "must be an HTTP method");
  if (typeof url != "string" || !URL.canParse(url)) throw fail("/request/url", "must be an absolute URL");
  const { status } = response;
  if (typeof status != "number" || !Number.isInteger(status) || status < 100 || status > 599)
    throw fail("/response/status", "must be an HTTP status, 100 to 599");
  const headers = headerMap(response.headers, fail);
  const body = bodyOf(response, fail, headers);
  return { at, method: method.toUpperCase(), url: new URL(url), status, headers, body: typeof body == "string" ? textBody(body, headers) : body };
}

/** Headers as HAR writes them (`[{name, value}]`) or as an object; names lowercase, repeats joined as fetch joins them. */
function headerMap(headers: unknown, fail: Fail): Map<string, string> {
  const map = new Map<string, string>();
  if (headers === undefined) return map;
  const pairs = Array.isArray(headers)
    ? headers.map((header: unknown) => (isObject(header) ? [header.name, header.value] : []))
    : isObject(headers)
      ? Object.entries(headers)
      : undefined;
  if (!pairs) throw fail("/response/headers", "must be an array of {name, value} or an object");
  for (const [name, value] of pairs) {
    if (typeof name != "string" || typeof value != "string") throw fail("/response/headers", "each header needs a name and a string value");
    const key = name.toLowerCase();
    map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value);
  }
  return map;
}

/** A body's text as a client sees it: parsed when it is JSON, else the text; none when empty. */
function textBody(text: string, headers: Map<string, string>): { value: unknown } | undefined {
  if (text === "") return undefined;
  const json = /[/+]json\b/i.test(headers.get("content-type") ?? "application/json") ? parseJson(text) : undefined;
  return json?.ok ? { value: json.value } : { value: text };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value == "object" && !Array.isArray(value);
