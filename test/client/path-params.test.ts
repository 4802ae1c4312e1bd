import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAxiomClient, GalaxiomError } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";

const TOKEN = "xaat-0123456789abcdef";
const BASE = "https://api.axiom.co/v2";

/** The URL a GET /v2/tokens/{id} goes to for `id`, or the error it fails with. */
async function urlFor(id: unknown): Promise<URL | Error> {
  const fetch = observedFetch(json(200, {}));
  const axiom = createAxiomClient({ token: TOKEN, fetch });
  const error = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: id as string } } }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  return error ?? new URL(fetch.sent[0]!.url);
}

const rejected = (value: unknown) => value === "" || value === "." || value === ".." || (typeof value === "string" && /\p{Cs}/u.test(value));

describe("path parameters", () => {
  it.each([
    [undefined, "missing"],
    [null, "null"],
    ["", '""'],
    [".", '"."'],
    ["..", '".."'],
    [{ id: 1 }, "an object"],
    [["a"], "an object"],
    [() => "a", "a function"],
    [Number.NaN, "NaN"],
    [Infinity, "Infinity"],
    ["\ud800", "not well-formed Unicode"],
  ])("refuses %j before any I/O, naming the parameter", async (value, problem) => {
    const fetch = observedFetch();
    const axiom = createAxiomClient({ token: TOKEN, fetch });
    const error = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: value as string } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as GalaxiomError).message).toBe(`GET /v2/tokens/{id}: path parameter \`id\` is ${problem}`);
    expect((error as GalaxiomError).operation).toEqual({ method: "GET", path: "/v2/tokens/{id}" });
    expect(fetch.sent).toEqual([]);
  });

  it("refuses a call without params at all, as a JavaScript caller could make", async () => {
    const axiom = createAxiomClient({ token: TOKEN, fetch: observedFetch() });
    await expect((axiom.GET as (path: string) => Promise<unknown>)("/v2/tokens/{id}")).rejects.toThrow("path parameter `id` is missing");
  });

  it("keeps a/b?c#d inside its one segment", async () => {
    const url = (await urlFor("a/b?c#d")) as URL;
    expect(url.href).toBe(`${BASE}/tokens/a%2Fb%3Fc%23d`);
  });

  it("encodes every other value as exactly one segment that decodes back to it (property)", async () => {
    const values = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: fc.constantFrom("/", "?", "#", ".", "%", "\\", "&", "=", ";", " ", "2", "e", "é", "😀") }),
      fc.integer(),
    );
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const url = await urlFor(value);
        if (rejected(value)) return url instanceof GalaxiomError;
        if (!(url instanceof URL)) return false;
        const segments = url.pathname.split("/");
        return (
          url.origin === "https://api.axiom.co" &&
          url.search === "" &&
          url.hash === "" &&
          segments.length === 4 &&
          segments.slice(0, 3).join("/") === "/v2/tokens" &&
          decodeURIComponent(segments[3]!) === String(value)
        );
      }),
      { numRuns: 300 },
    );
  });
});
