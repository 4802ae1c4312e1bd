import { describe, expect, it } from "vitest";
import { createAxiomClient, GalaxiomError } from "../../src/index.js";
import { instant } from "../helpers/galileo.js";
import { useLoopback } from "../helpers/server.js";

const loopback = useLoopback();
const TOKEN = "xaat-bodies-0123456789abcdef";
const ingested = { ingested: 2, failed: 0, processedBytes: 16, blocksCreated: 0, walLength: 2 };
const LOGS = { path: { dataset_name: "logs" } };

/** An Axiom client of a loopback server that answers every request with `status` and `body` (JSON). */
async function axiomOf(status = 200, body: unknown = ingested, options: { retry?: false } = {}) {
  const api = await loopback((_, response) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)));
  return { api, axiom: createAxiomClient({ token: TOKEN, baseUrl: api.origin, clock: instant, ...options }) };
}

describe("a path whose spec key held a query string (Axiom's POST /datasets/_apl?format=tabular)", () => {
  it("sends the declared query parameter once: /v1/datasets/_apl?format=tabular", async () => {
    const { api, axiom } = await axiomOf(200, { format: "tabular", tables: [] });
    const { data } = await axiom.POST("/v1/datasets/_apl", { params: { query: { format: "tabular" } }, body: { apl: "['logs'] | limit 1" } });
    expect(data).toEqual({ format: "tabular", tables: [] });
    expect(api.received.map(({ method, url }) => `${method} ${url}`)).toEqual(["POST /v1/datasets/_apl?format=tabular"]);
    expect(api.received[0]!.body).toBe('{"apl":"[\'logs\'] | limit 1"}');
    expect(api.received[0]!.headers["content-type"]).toBe("application/json");
  });
});

describe("query parameters with defaults, and array header parameters", () => {
  it("sends no query parameter the call left out, whatever its default: the server applies it", async () => {
    const { api, axiom } = await axiomOf(200, []);
    await axiom.GET("/v2/dashboards");
    await axiom.GET("/v2/dashboards", { params: { query: { limit: 5 } } });
    await axiom.POST("/v1/datasets/_apl", { params: { query: { format: "legacy" } }, body: { apl: "x" } });
    expect(api.received.map(({ url }) => url)).toEqual(["/v2/dashboards", "/v2/dashboards?limit=5", "/v1/datasets/_apl?format=legacy"]);
  });

  it("sends an array header in the simple style, a,b,c, as one header", async () => {
    const { api, axiom } = await axiomOf();
    const header = { "X-Axiom-CSV-Fields": ["time", "level", "message"] };
    await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: { ...LOGS, header }, body: "1,info,up\n", headers: { "Content-Type": "text/csv" } });
    expect(api.received[0]!.headers["x-axiom-csv-fields"]).toBe("time,level,message");
  });

  it("refuses an array header item with a line break, sending nothing", async () => {
    const { api, axiom } = await axiomOf();
    const header = { "X-Axiom-CSV-Fields": ["time", "level\r\nX-Injected: 1"] };
    const error = await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: { ...LOGS, header }, body: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toMatch(/^POST \/v1\/datasets\/\{dataset_name\}\/ingest: could not make the request/);
    expect(api.received).toEqual([]);
  });
});
