import { describe, expectTypeOf, it } from "vitest";
import type { AxiomSchemas, GalileoSchemas } from "../../src/index.js";
import { createFake, createFakeAxiom, createFakeGalileo, type FakeCall } from "../../src/testing/index.js";

const axiom = createFakeAxiom();
const galileo = createFakeGalileo();
const dataset: AxiomSchemas["Dataset"] = { id: "d", name: "d", description: "", created: "", updatedAt: "", who: "", kind: "axiom:events:v1" };

describe("fake.on", () => {
  it("takes an operation's key, and a handler typed from it, sync or async", () => {
    axiom.on("GET /v2/datasets", () => ({ status: 200, body: [dataset] }));
    axiom.on("GET /v2/datasets/{dataset_id}", async ({ params }) => ({ status: 200, body: { ...dataset, id: params.path.dataset_id } }));
    axiom.on("POST /v2/datasets", ({ body }) => {
      expectTypeOf(body).toEqualTypeOf<AxiomSchemas["CreateDataset"]>();
      return { status: 200, body: { ...dataset, name: body.name } };
    });
    galileo.on("POST /v2/projects", ({ body }) => ({ status: 422, body: { detail: [{ loc: ["body", body.name], msg: "taken", type: "value_error" }] } }));
    // An error status the operation doesn't name falls under its `default` response.
    axiom.on("GET /v2/datasets", () => ({ status: 503, body: { message: "down" } as AxiomSchemas["Error"] }));
    expectTypeOf(axiom.on("GET /v2/datasets", () => ({ status: 200, body: [] }))).toEqualTypeOf(axiom);
  });

  it("types a body written inline by its status, enum values kept literal, sync or async", () => {
    const { kind: _, ...fields } = dataset;
    axiom.on("GET /v2/datasets", () => ({ status: 200, body: [{ ...fields, kind: "otel:logs:v1" }] }));
    axiom.on("GET /v2/datasets", async () => ({ status: 200, body: [{ ...fields, kind: "otel:logs:v1" }] }));
    axiom.on("GET /v2/datasets", (_call) => ({ status: 200, body: [{ ...fields, kind: "otel:logs:v1" }] }));
  });

  it("refuses a key that isn't an operation, a method the path doesn't have, or a lowercase method", () => {
    // @ts-expect-error: no such path
    axiom.on("GET /v2/nothing", () => ({ status: 200 }));
    // @ts-expect-error: /v2/datasets has no PATCH
    axiom.on("PATCH /v2/datasets", () => ({ status: 200 }));
    // @ts-expect-error: methods are uppercase, as the spec's operations are named
    axiom.on("get /v2/datasets", () => ({ status: 200, body: [] }));
  });

  it("refuses a reply whose body isn't the one its status declares, or a status the operation doesn't declare", () => {
    // @ts-expect-error: the 200 body is a list of datasets
    axiom.on("GET /v2/datasets", () => ({ status: 200, body: dataset }));
    // @ts-expect-error: `kind` is one of the spec's enum values
    axiom.on("GET /v2/datasets/{dataset_id}", () => ({ status: 200, body: { ...dataset, kind: "other" } }));
    // @ts-expect-error: deep inside: a dataset's `who` is a string
    axiom.on("GET /v2/datasets", () => ({ status: 200, body: [{ ...dataset, who: 1 }] }));
    // @ts-expect-error: a 204 has no body, and `DELETE /v2/datasets/{dataset_id}` declares no 200
    axiom.on("DELETE /v2/datasets/{dataset_id}", () => ({ status: 200, body: dataset }));
    // @ts-expect-error: a body without a status
    axiom.on("GET /v2/datasets", () => ({ body: [] }));
  });

  it("refuses reading a parameter the operation doesn't have", () => {
    axiom.on("GET /v2/datasets/{dataset_id}", ({ params }) => {
      // @ts-expect-error: the path has `dataset_id` only
      void params.path.id;
      return { status: 200, body: dataset };
    });
  });
});

describe("fake.calls and callsOf", () => {
  it("types callsOf's body as the operation's request body", () => {
    expectTypeOf(galileo.callsOf("POST /v2/projects")[0]!.body).toEqualTypeOf<GalileoSchemas["ProjectCreate"]>();
    expectTypeOf(axiom.callsOf("GET /v2/datasets/{dataset_id}")[0]!.params.path).toEqualTypeOf<{ dataset_id: string }>();
    expectTypeOf(axiom.calls[0]!.operation).toExtend<"GET /v2/datasets" | "POST /v2/datasets" | `${string} /${string}`>();
    // @ts-expect-error: not an operation
    axiom.callsOf("GET /v2/nothing");
  });
});

describe("createFake, for an app's own paths", () => {
  it("types handlers from the app's paths", () => {
    type Paths = { "/things/{id}": { get: { parameters: { path: { id: string } }; responses: { 200: { content: { "application/json": { id: string } } } } } } };
    const fake = createFake<Paths>({ origin: "https://api.example.com" });
    fake.on("GET /things/{id}", ({ params }) => ({ status: 200, body: { id: params.path.id } }));
    // @ts-expect-error: `id` is a string
    fake.on("GET /things/{id}", () => ({ status: 200, body: { id: 1 } }));
    expectTypeOf(fake.callsOf("GET /things/{id}")).toEqualTypeOf<Array<FakeCall<Paths["/things/{id}"]["get"], "GET /things/{id}">>>();
  });
});

describe("a reply's headers", () => {
  it("take a declared header with its type or as text, and any other as text", () => {
    const axiom = createFakeAxiom();
    const result = {
      format: "tabular",
      datasetNames: [],
      status: { elapsedTime: 1, blocksExamined: 0, rowsExamined: 0, rowsMatched: 0, numGroups: 0, isPartial: false, minBlockTime: "", maxBlockTime: "" },
    } as never;
    axiom.on("POST /v1/datasets/_apl", () => ({
      status: 200,
      body: result,
      headers: { "X-QueryLimit-Remaining": 9, "X-QueryLimit-Reset": "60", "x-request-id": "r1" },
    }));
    // @ts-expect-error: X-QueryLimit-Remaining is an integer
    axiom.on("POST /v1/datasets/_apl", () => ({ status: 200, body: result, headers: { "X-QueryLimit-Remaining": true } }));
  });
});
