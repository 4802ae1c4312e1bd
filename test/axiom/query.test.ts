import { describe, expect, expectTypeOf, it } from "vitest";
import { queryAxiom, type AplQueryResult } from "../../src/axiom/query.js";
import { ApiError, createAxiomClient, type AxiomSchemas } from "../../src/index.js";
import { answer, useFakeAxiom } from "../helpers/fake-axiom.js";

const fakeAxiom = useFakeAxiom();
const TOKEN = "xaat-query-0123456789abcdef";

const table = {
  name: "0",
  sources: [{ name: "logs" }],
  fields: [
    { name: "_time", type: "datetime" },
    { name: "status", type: "integer" },
    { name: "path", type: "string" },
  ],
  order: [{ field: "_time", desc: true }],
  groups: [],
  columns: [
    ["2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"],
    [200, 404],
    ["/", "/missing"],
  ],
};
const totals = { ...table, name: "_totals", fields: [{ name: "count", type: "integer" }], columns: [[2]] };
const status = {
  blocksExamined: 1,
  cacheStatus: 1,
  elapsedTime: 3,
  isPartial: false,
  maxBlockTime: "2026-01-01T00:00:01Z",
  minBlockTime: "2026-01-01T00:00:00Z",
  numGroups: 0,
  rowsExamined: 2,
  rowsMatched: 2,
};
const result = { format: "tabular", datasetNames: ["logs"], status, tables: [table, totals] };

/** A fake Axiom whose `_apl` answers with `reply`, keeping what each query sent. */
async function setup(reply: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const sent: { url: string; body: unknown }[] = [];
  const axiom = await fakeAxiom([], (request, body, response) => {
    sent.push({ url: request.url!, body: JSON.parse(body) });
    const next = reply.shift()!;
    answer(response, next.status, next.body, next.headers);
  });
  return { sent, client: createAxiomClient({ token: TOKEN, baseUrl: axiom.origin, clock: { random: () => 0 } }) };
}

describe("queryAxiom", () => {
  it("posts the APL with its time range (a Date as RFC 3339) for a tabular result", async () => {
    const { sent, client } = await setup([{ status: 200, body: result }]);
    await queryAxiom(client, "['logs'] | where status >= 400", {
      startTime: new Date("2026-01-01T00:00:00Z"),
      endTime: "now",
      noCache: true,
      variables: {},
    });
    expect(sent).toEqual([
      {
        url: "/v1/datasets/_apl?format=tabular&nocache=true",
        body: { apl: "['logs'] | where status >= 400", startTime: "2026-01-01T00:00:00.000Z", endTime: "now", variables: {} },
      },
    ]);
  });

  it("reads a table as typed rows, without the caller transposing columns", async () => {
    const { client } = await setup([{ status: 200, body: result }]);
    const answer = await queryAxiom<{ _time: string; status: number; path: string }>(client, "['logs']");

    expectTypeOf(answer).toEqualTypeOf<AplQueryResult<{ _time: string; status: number; path: string }>>();
    expectTypeOf(answer.status).toEqualTypeOf<AxiomSchemas["V1Status"]>();
    const rows = [...answer.rows()];
    expectTypeOf(rows).toEqualTypeOf<{ _time: string; status: number; path: string }[]>();
    expect(rows).toEqual([
      { _time: "2026-01-01T00:00:00Z", status: 200, path: "/" },
      { _time: "2026-01-01T00:00:01Z", status: 404, path: "/missing" },
    ]);
    expect([...answer.tables[1]!.rows()]).toEqual([{ count: 2 }]);
    expect(answer.status).toEqual(status);
    expect(answer.tables[0]!.columns).toEqual(table.columns);
  });

  it("has no rows for a result without tables", async () => {
    const { client } = await setup([{ status: 200, body: { ...result, tables: [] } }]);
    expect([...(await queryAxiom(client, "['logs']")).rows()]).toEqual([]);
  });

  it("exposes the query-limit headers and the history id", async () => {
    const headers = { "X-QueryLimit-Limit": "1000", "X-QueryLimit-Remaining": "998", "X-QueryLimit-Reset": "1767225600", "X-Axiom-History-Query-Id": "q-1" };
    const { client } = await setup([
      { status: 200, body: result, headers },
      { status: 200, body: result },
    ]);
    const limited = await queryAxiom(client, "['logs']");
    expect(limited.limits).toEqual({ limit: 1000, remaining: 998, reset: 1767225600 });
    expect(limited.historyQueryId).toBe("q-1");
    const plain = await queryAxiom(client, "['logs']");
    expect(plain.limits).toEqual({ limit: undefined, remaining: undefined, reset: undefined });
    expect(plain.historyQueryId).toBeUndefined();
  });

  it("throws an ApiError that quotes Axiom's explanation, and never the token", async () => {
    const explanation = "parse error: expected a table expression at line 1, column 4";
    const { client } = await setup([{ status: 400, body: { code: 400, message: explanation } }]);
    const error = (await queryAxiom(client, "['logs'] |").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe(`POST /v1/datasets/_apl: 400 Bad Request: ${explanation}`);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it("is retried on a 503, as a read", async () => {
    const { sent, client } = await setup([
      { status: 503, body: { message: "busy" } },
      { status: 200, body: result },
    ]);
    await expect(queryAxiom(client, "['logs']")).resolves.toMatchObject({ format: "tabular" });
    expect(sent).toHaveLength(2);
  });
});
