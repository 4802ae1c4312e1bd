import { describe, expect, it } from "vitest";
import { pagination as axiomPagination } from "../generated/axiom.pagination.js";
import { pagination as galileoPagination } from "../generated/galileo.pagination.js";
import { AbortError, createAxiomClient, createGalileoClient, GalaxiomError, NotFoundError } from "../src/index.js";
import { paginate, type Pagination } from "../src/paginate.js";
import { json, observedFetch, type Reply } from "./helpers/fetch.js";
import { KEY } from "./helpers/galileo.js";

const TRACES = "POST /v2/projects/{project_id}/traces/search";
const project = { path: { project_id: "p1" } };
/** The body fields the types require (openapi-typescript makes a property with a default required), pages of three. */
const search = { limit: 3, truncate_fields: false, include_counts: false };
/** Seven records, in pages of three: tokens 0, 3 and 6. */
const records = Array.from({ length: 7 }, (_, index) => ({ id: `r${index}`, type: "trace" }));

/**
 * A Galileo list as the server pages it: `starting_token` is an offset (from the JSON body or the query), and each
 * page says where the next starts, or null after the last. `next` overrides that, for a server that misbehaves.
 */
function galileoList(list: unknown[], next?: (start: number, end: number) => unknown) {
  const fetch = observedFetch((request) => {
    const { body } = fetch.sent.at(-1)!;
    const fields = body ? (JSON.parse(body) as Record<string, unknown>) : Object.fromEntries(new URL(request.url).searchParams);
    const start = Number(fields.starting_token ?? 0);
    const end = start + Number(fields.limit ?? 100);
    const page = list.slice(start, end);
    return json(200, { starting_token: start, next_starting_token: next ? next(start, end) : end < list.length ? end : null, records: page, datasets: page });
  });
  return { fetch, galileo: createGalileoClient({ apiKey: KEY, fetch }) };
}

const sentBodies = (fetch: ReturnType<typeof observedFetch>) => fetch.sent.map((sent) => JSON.parse(sent.body!) as Record<string, unknown>);

describe("paginate, by token", () => {
  it("yields every item of every page, in order, sending the token each page gives back in the JSON body", async () => {
    const { fetch, galileo } = galileoList(records);
    const items = [];
    for await (const item of paginate(galileo, galileoPagination, TRACES, { params: project, body: { ...search, filters: [] } })) items.push(item);

    expect(items).toEqual(records);
    expect(fetch.sent.map((sent) => sent.url)).toEqual(Array(3).fill("https://api.galileo.ai/v2/projects/p1/traces/search"));
    // The caller's body goes with every page; the first page's token is the server's default.
    expect(sentBodies(fetch)).toEqual([
      { ...search, filters: [] },
      { ...search, filters: [], starting_token: 3 },
      { ...search, filters: [], starting_token: 6 },
    ]);
    // Each page is a call of the client: its credentials go with it.
    expect(fetch.sent.every((sent) => sent.headers["galileo-api-key"] == KEY)).toBe(true);
  });

  it("sends the token as a query parameter where the operation takes it there, starting from the caller's", async () => {
    const { fetch, galileo } = galileoList(records);
    const items = await paginate(galileo, galileoPagination, "GET /v2/datasets", { params: { query: { limit: 3, starting_token: 3 } } }).all();

    expect(items).toEqual(records.slice(3));
    expect(fetch.sent.map((sent) => new URL(sent.url).search)).toEqual(["?limit=3&starting_token=3", "?limit=3&starting_token=6"]);
  });

  it("fetches nothing more once the loop is left: `break` after the last item of a page, or inside one", async () => {
    const { fetch, galileo } = galileoList(records);
    const traces = paginate(galileo, galileoPagination, TRACES, { params: project, body: search });
    for await (const item of traces) if (item.id == "r2") break;
    expect(fetch.sent).toHaveLength(1);

    fetch.sent.length = 0;
    for await (const item of traces) if (item.id == "r4") break;
    expect(fetch.sent).toHaveLength(2);
  });

  it("ends at a page without a next token, and takes a page without its list as empty", async () => {
    const fetch = observedFetch(json(200, { next_starting_token: null }));
    const galileo = createGalileoClient({ apiKey: KEY, fetch });
    expect(await paginate(galileo, galileoPagination, "GET /v2/datasets").all()).toEqual([]);
    expect(fetch.sent).toHaveLength(1);
  });

  it("stops with a GalaxiomError when the server gives back a token already sent, rather than loop forever", async () => {
    const { fetch, galileo } = galileoList(records, () => 3);
    const items: unknown[] = [];
    const failure = await (async () => {
      for await (const item of paginate(galileo, galileoPagination, TRACES, { params: project, body: search })) items.push(item);
    })().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(GalaxiomError);
    expect((failure as Error).message).toBe(
      `${TRACES}: paginate: the server answered \`next_starting_token\` 3 again; stopping rather than fetching the same pages forever`,
    );
    // The pages that were fetched were yielded: the first, and the one at token 3.
    expect(items).toEqual(records.slice(0, 6));
    expect(fetch.sent).toHaveLength(2);
  });

  it("throws the ApiError of an error status, even on a client that doesn't throw, and fetches nothing after", async () => {
    const fetch = observedFetch(json(200, { next_starting_token: 3, records: records.slice(0, 3) }), json(404, { detail: "project not found" }));
    const galileo = createGalileoClient({ apiKey: KEY, fetch });
    const pages = paginate(galileo, galileoPagination, TRACES, { params: project, body: search }).pages();

    expect((await pages.next()).value).toMatchObject({ items: records.slice(0, 3) });
    await expect(pages.next()).rejects.toBeInstanceOf(NotFoundError);
    expect(await pages.next()).toEqual({ done: true, value: undefined });
    expect(fetch.sent).toHaveLength(2);
  });

  it("refuses a response whose list is not a list", async () => {
    const galileo = createGalileoClient({ apiKey: KEY, fetch: observedFetch(json(200, { records: "r0", next_starting_token: null })) });
    await expect(paginate(galileo, galileoPagination, TRACES, { params: project, body: search }).all()).rejects.toThrow(
      `${TRACES}: paginate: the response holds no list in \`records\``,
    );
  });
});

describe("paginate's pages", () => {
  it("are the parsed bodies and raw responses, each with its items; each iteration starts again from the first", async () => {
    const { fetch, galileo } = galileoList(records);
    const traces = paginate(galileo, galileoPagination, TRACES, { params: project, body: search });
    const pages = [];
    for await (const page of traces.pages()) pages.push(page);

    expect(pages.map((page) => page.items)).toEqual([records.slice(0, 3), records.slice(3, 6), records.slice(6)]);
    expect(pages[1]!.data).toEqual({ starting_token: 3, next_starting_token: 6, records: records.slice(3, 6), datasets: records.slice(3, 6) });
    expect(pages[1]!.response.status).toBe(200);
    expect(await traces.all()).toEqual(records);
    expect(fetch.sent).toHaveLength(6);
  });
});

describe("paginate's all()", () => {
  it("collects at most `max` items, fetching no page past the one that reaches it", async () => {
    const { fetch, galileo } = galileoList(records);
    const traces = paginate(galileo, galileoPagination, TRACES, { params: project, body: search });

    expect(await traces.all({ max: 4 })).toEqual(records.slice(0, 4));
    expect(fetch.sent).toHaveLength(2);
    fetch.sent.length = 0;
    expect(await traces.all({ max: 3 })).toEqual(records.slice(0, 3));
    expect(fetch.sent).toHaveLength(1);
    fetch.sent.length = 0;
    expect(await traces.all({ max: 0 })).toEqual([]);
    expect(await traces.all({ max: 100 })).toEqual(records);
    expect(fetch.sent).toHaveLength(3);
  });

  it("refuses a `max` that is not a whole number ≥ 0, before fetching anything", async () => {
    const { fetch, galileo } = galileoList(records);
    const traces = paginate(galileo, galileoPagination, TRACES, { params: project, body: search });
    for (const max of [-1, 1.5, Number.NaN]) await expect(traces.all({ max })).rejects.toThrow(`paginate: max must be a whole number ≥ 0, not ${max}`);
    expect(fetch.sent).toHaveLength(0);
  });
});

describe("paginate and a signal", () => {
  it("an abort between pages ends the iteration with an AbortError, without fetching the next page", async () => {
    const { fetch, galileo } = galileoList(records);
    const controller = new AbortController();
    const items: unknown[] = [];
    const failure = await (async () => {
      for await (const item of paginate(galileo, galileoPagination, TRACES, { params: project, body: search, signal: controller.signal })) {
        items.push(item);
        if (items.length == 2) controller.abort(new Error("user left"));
      }
    })().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).message).toBe(`${TRACES}: aborted by the caller's signal`);
    expect(((failure as AbortError).cause as Error).message).toBe("user left");
    // The page already fetched is in memory; the next was never asked for.
    expect(items).toEqual(records.slice(0, 3));
    expect(fetch.sent).toHaveLength(1);
  });

  it("an abort while a page is on its way aborts its request", async () => {
    const fetch = observedFetch(json(200, { next_starting_token: 3, records: records.slice(0, 3) }), "hang");
    const galileo = createGalileoClient({ apiKey: KEY, fetch });
    const controller = new AbortController();
    const all = paginate(galileo, galileoPagination, TRACES, { params: project, body: search, signal: controller.signal }).all();
    while (fetch.sent.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort();

    await expect(all).rejects.toBeInstanceOf(AbortError);
    expect(fetch.sent[1]!.signal!.aborted).toBe(true);
  });
});

describe("paginate, by offset", () => {
  const dashboards = Array.from({ length: 5 }, (_, index) => ({ id: `d${index}` }));
  /** Axiom's lists: a bare array, `limit` items from `offset`. */
  const axiomList = (): Reply => (request) => {
    const query = new URL(request.url).searchParams;
    const offset = Number(query.get("offset") ?? 0);
    return json(200, dashboards.slice(offset, offset + Number(query.get("limit") ?? 100)));
  };

  it("advances the offset past the items received, and ends at a page shorter than its limit", async () => {
    const fetch = observedFetch(axiomList());
    const axiom = createAxiomClient({ token: "xaat-test", fetch });
    expect(await paginate(axiom, axiomPagination, "GET /v2/dashboards", { params: { query: { limit: 2 } } }).all()).toEqual(dashboards);
    expect(fetch.sent.map((sent) => new URL(sent.url).search)).toEqual(["?limit=2", "?limit=2&offset=2", "?limit=2&offset=4"]);
  });

  it("sends the spec's default limit when the caller gives none, and ends at an empty page after a full one", async () => {
    const fetch = observedFetch(json(200, dashboards.slice(0, 3)), json(200, []));
    const axiom = createAxiomClient({ token: "xaat-test", fetch });
    const pages = [];
    for await (const page of paginate(axiom, axiomPagination, "GET /v2/dashboards", { params: { query: { limit: 3 } } }).pages()) pages.push(page.items);
    expect(pages).toEqual([dashboards.slice(0, 3), []]);

    const defaults = observedFetch(json(200, dashboards));
    await paginate(createAxiomClient({ token: "xaat-test", fetch: defaults }), axiomPagination, "GET /v2/dashboards").all();
    expect(new URL(defaults.sent[0]!.url).search).toBe("?limit=100");
  });

  it("refuses a limit above the spec's maximum, which a server could lower and so end the list early", async () => {
    const fetch = observedFetch(axiomList());
    const axiom = createAxiomClient({ token: "xaat-test", fetch });
    await expect(paginate(axiom, axiomPagination, "GET /v2/dashboards", { params: { query: { limit: 5000 } } }).all()).rejects.toThrow(
      "GET /v2/dashboards: paginate: limit 5000 is above the spec's maximum, 1000",
    );
    expect(fetch.sent).toHaveLength(0);
  });
});

describe("paginate's key", () => {
  it("is refused, at once, when the table doesn't list it (a call from JavaScript, or through a cast)", () => {
    const galileo = createGalileoClient({ apiKey: KEY, fetch: observedFetch() });
    expect(() => paginate(galileo, galileoPagination as Record<string, Pagination>, "GET /v2/token")).toThrow(
      new GalaxiomError('paginate: "GET /v2/token" is not an operation whose list comes in pages'),
    );
  });
});
