// What a test pays per call for a fake API: 1,000 calls of a real Axiom client through galaxiom/testing's fake
// (in process, every response and request body checked against the spec), next to the same calls through nock
// with a hand-written body (nothing checked), in one run.
import nock from "nock";
import { createAxiomClient, type AxiomClient, type AxiomSchemas } from "../src/index.js";
import { createFakeAxiom } from "../src/testing/index.js";
import { nockScope } from "../src/testing/nock.js";
import { median, table } from "./table.js";

const CALLS = 1_000;
const ROUNDS = 7;
const ORIGIN = "https://api.axiom.co";

const dataset: AxiomSchemas["Dataset"] = {
  id: "http-logs",
  name: "http-logs",
  kind: "axiom:events:v1",
  description: "Requests to the edge",
  created: "2026-12-01T00:00:00Z",
  updatedAt: "2026-12-01T00:00:00Z",
  who: "f83e245a-afdc-47ad-a765-4addd1994321",
};

/** Runs `CALLS` sequential calls, a list and a create in turn, and returns the µs per call. */
async function suite(axiom: AxiomClient): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < CALLS / 2; i++) {
    const list = await axiom.GET("/v2/datasets");
    const created = await axiom.POST("/v2/datasets", { body: { name: `logs-${i}`, kind: "axiom:events:v1", description: "" } });
    if (!list.data || !created.data) throw new Error("a call failed: the bench would measure errors");
  }
  return ((performance.now() - start) * 1000) / CALLS;
}

export async function run(): Promise<void> {
  nock.disableNetConnect();
  // A fake per round, as a test suite makes one per test: the calls one records are a round's only.
  const makeFake = () =>
    createFakeAxiom()
      .on("GET /v2/datasets", () => ({ status: 200, body: [dataset] }))
      .on("POST /v2/datasets", ({ body }) => ({ status: 200, body: { ...dataset, name: body.name } }));
  const runs = {
    "galaxiom/testing fake, as the client's fetch": () => suite(createAxiomClient({ token: "xaat-bench", fetch: makeFake().fetch })),
    "galaxiom/testing fake, through nock (nockScope)": async () => {
      const scope = nockScope(makeFake());
      try {
        return await suite(createAxiomClient({ token: "xaat-bench" }));
      } finally {
        scope.persist(false);
        nock.cleanAll();
      }
    },
    "nock, hand-written bodies (nothing checked)": async () => {
      nock(ORIGIN)
        .persist()
        .get("/v2/datasets")
        .reply(200, [dataset])
        .post("/v2/datasets")
        .reply(200, (_uri, body) => ({ ...dataset, name: (body as { name: string }).name }));
      try {
        return await suite(createAxiomClient({ token: "xaat-bench" }));
      } finally {
        nock.cleanAll();
      }
    },
  };
  const times = new Map<string, number[]>(Object.keys(runs).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, go] of Object.entries(runs)) times.get(name)!.push(await go());
  }
  nock.enableNetConnect();
  const baseline = median(times.get("nock, hand-written bodies (nothing checked)")!);
  console.log(`${CALLS} sequential calls (GET /v2/datasets and POST /v2/datasets in turn) per round, median of ${ROUNDS} rounds, interleaved:\n`);
  console.log(
    table(
      ["calls through", "per call", "vs nock"],
      [...times].map(([name, samples]) => [name, `${median(samples).toFixed(1)} µs`, `${(median(samples) / baseline).toFixed(2)}×`]),
    ),
  );
}
