import { afterEach, describe, expect, it } from "vitest";
import { ApiError, type AxiomSchemas, createAxiomClient, createGalileoClient, GalaxiomError } from "../../src/index.js";
import { type Check, createFake, createFakeAxiom, createFakeGalileo, FakeError, type Validators } from "../../src/testing/index.js";

// A hand-written validators table in the generated module's shape (see generated/<api>.validators.ts), for the
// few operations these tests call: the fake only relies on its shape.
const type =
  (expected: string): Check =>
  (value, pointer, issues) => {
    const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    if (actual != expected) issues.push({ pointer, expected, actual });
  };
const object =
  (properties: Record<string, Check>, required: string[] = Object.keys(properties)): Check =>
  (value, pointer, issues) => {
    if (value === null || typeof value != "object" || Array.isArray(value))
      return issues.push({ pointer, expected: "object", actual: value === null ? "null" : Array.isArray(value) ? "array" : typeof value }) && undefined;
    for (const name of required) if (!(name in value)) issues.push({ pointer: `${pointer}/${name}`, expected: "present", actual: "missing" });
    for (const [name, check] of Object.entries(properties)) if (name in value) check((value as Record<string, unknown>)[name], `${pointer}/${name}`, issues);
  };
const array =
  (items: Check): Check =>
  (value, pointer, issues) => {
    if (!Array.isArray(value)) return type("array")(value, pointer, issues);
    for (const [index, item] of value.entries()) items(item, `${pointer}/${index}`, issues);
  };
const dataset = object({ id: type("string"), name: type("string"), description: type("string"), created: type("string"), who: type("string") });
const error = object({ message: type("string") }, []);
const validators: Validators = {
  "GET /v2/datasets": { responses: { "200": { content: { "application/json": array(dataset) } }, default: { content: { "application/json": error } } } },
  "POST /v2/datasets": {
    request: { "application/json": object({ name: type("string"), description: type("string") }, ["name"]) },
    responses: { "200": { content: { "application/json": dataset } }, default: { content: { "application/json": error } } },
  },
  "GET /v2/datasets/{dataset_id}": { responses: { "200": { content: { "application/json": dataset } }, "404": { content: { "application/json": error } } } },
};

const ds: AxiomSchemas["Dataset"] = {
  id: "logs",
  name: "logs",
  description: "",
  created: "2024-01-01T00:00:00Z",
  who: "me",
  updatedAt: "2024-01-01T00:00:00Z",
  kind: "axiom:events:v1",
};
const TOKEN = "xaat-s3cr3t-do-not-show";

describe("a fake Axiom, as the client's fetch", () => {
  const fake = createFakeAxiom();
  const axiom = createAxiomClient({ token: TOKEN, fetch: fake.fetch, throwOnError: true });
  afterEach(() => fake.reset());

  it("answers with a handler's typed reply, and records the call with its parsed params and body", async () => {
    fake
      .on("GET /v2/datasets", () => ({ status: 200, body: [ds] }))
      .on("POST /v2/datasets", async ({ body }) => ({ status: 200, body: { ...ds, name: body.name } }));
    expect((await axiom.GET("/v2/datasets")).data).toEqual([ds]);
    const created = await axiom.POST("/v2/datasets", { body: { name: "traces", description: "t", kind: "axiom:events:v1" } });
    expect(created.data.name).toBe("traces");
    expect(fake.calls.map((call) => call.operation)).toEqual(["GET /v2/datasets", "POST /v2/datasets"]);
    const [post] = fake.callsOf("POST /v2/datasets");
    expect(post!.body).toEqual({ name: "traces", description: "t", kind: "axiom:events:v1" });
    expect(post!.request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    fake.verify();
  });

  it("matches path templates and parses path and query parameters", async () => {
    fake.on("GET /v2/datasets/{dataset_id}", ({ params }) =>
      params.path.dataset_id == "a/b c" ? { status: 200, body: { ...ds, id: params.path.dataset_id } } : { status: 404, body: { message: "no" } },
    );
    expect((await axiom.GET("/v2/datasets/{dataset_id}", { params: { path: { dataset_id: "a/b c" } } })).data.id).toBe("a/b c");
    await expect(axiom.GET("/v2/datasets/{dataset_id}", { params: { path: { dataset_id: "other" } } })).rejects.toBeInstanceOf(ApiError);
    fake.on("GET /v2/dashboards", () => ({ status: 200, body: [] }));
    await axiom.GET("/v2/dashboards", { params: { query: { limit: 5, offset: 10 } } });
    expect(fake.callsOf("GET /v2/dashboards")[0]!.params.query).toEqual({ limit: "5", offset: "10" });
  });

  it("fails an unhandled call once, not retried, naming the operation and the code that handles it; verify() fails even if swallowed", async () => {
    const failure = await axiom.GET("/v2/datasets").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FakeError);
    expect((failure as Error).message).toBe(
      'GET /v2/datasets: the fake has no handler for it: handle it with fake.on("GET /v2/datasets", () => ({ status: 200, body: … })), or create the fake with { unhandled: "sample" }',
    );
    expect(fake.calls).toHaveLength(1);
    expect(() => fake.verify()).toThrow(/the fake saw 1 failure: GET \/v2\/datasets: the fake has no handler/);
  });

  it("fails a path no operation has, naming method and path", async () => {
    const fakeFetch = fake.fetch(new Request("https://api.axiom.co/v2/nothing/here", { method: "DELETE" }));
    await expect(fakeFetch).rejects.toThrow("no operation matches DELETE /v2/nothing/here");
    await expect(fake.fetch("https://elsewhere.example/v2/datasets")).rejects.toThrow("this fake answers https://api.axiom.co only");
    expect(fake.failures).toHaveLength(2);
  });

  it('answers unhandled calls with the spec\'s sample under unhandled: "sample"', async () => {
    const sampled = createFakeAxiom({ unhandled: "sample" });
    const client = createAxiomClient({ token: TOKEN, fetch: sampled.fetch, throwOnError: true });
    const { data } = await client.GET("/v2/datasets/{dataset_id}", { params: { path: { dataset_id: "x" } } });
    expect(data).toMatchObject({ kind: "axiom:events:v1" });
    sampled.verify();
  });

  it("answers a call without the credentials its operation needs with a 401, as the API would", async () => {
    fake.on("GET /v2/datasets", () => ({ status: 200, body: [ds] }));
    const response = await fake.fetch("https://api.axiom.co/v2/datasets");
    expect(response.status).toBe(401);
    expect(await fake.fetch("https://api.axiom.co/v2/datasets", { headers: { authorization: "Bearer " } }).then((r) => r.status)).toBe(401);
    expect(await fake.fetch("https://api.axiom.co/v2/datasets", { headers: { authorization: "Bearer x" } }).then((r) => r.status)).toBe(200);
    // An operation whose security is `[]` takes no credentials.
    const sampled = createFakeAxiom({ unhandled: "sample" });
    expect(await sampled.fetch("https://api.axiom.co/v2/orgs/provision", { method: "POST" }).then((r) => r.status)).toBe(200);
    fake.verify();
  });

  it("answers a 401 with the operation's 401 sample, for the client's AuthenticationError", async () => {
    const response = await fake.fetch("https://api.axiom.co/v1/datasets/logs/ingest", { method: "POST", body: "{}" });
    expect([response.status, await response.json()]).toEqual([401, { code: "", message: "Forbidden" }]);
  });

  it("hands a body that isn't JSON (an NDJSON ingest) to the handler as its text", async () => {
    fake.on("POST /v1/datasets/{dataset_name}/ingest", () => ({ status: 200, body: { ingested: 2, failed: 0, processedBytes: 16 } }));
    const ingested = await axiom.POST("/v1/datasets/{dataset_name}/ingest", {
      params: { path: { dataset_name: "logs" } },
      body: '{"a":1}\n{"a":2}\n' as never,
      headers: { "content-type": "application/x-ndjson" },
    });
    expect(ingested.data).toMatchObject({ ingested: 2 });
    expect(fake.callsOf("POST /v1/datasets/{dataset_name}/ingest")[0]!.body).toBe('{"a":1}\n{"a":2}\n');
    fake.verify();
  });

  it("fails a handler whose body doesn't match the spec, with the JSON pointer and types, never the value", async () => {
    fake.on("GET /v2/datasets", () => ({ status: 200, body: [ds, { ...ds, who: { token: TOKEN } as never }] }));
    const failure = (await axiom.GET("/v2/datasets").catch((error: unknown) => error)) as Error;
    expect(failure.message).toBe("GET /v2/datasets: the handler's 200 body doesn't match the spec: at /1/who: expected string, came object");
    expect(JSON.stringify({ ...failure, message: failure.message, failures: fake.failures.map((f) => f.message) })).not.toContain(TOKEN);
  });

  it("fails an app's request body that doesn't match the spec", async () => {
    fake.on("POST /v2/datasets", () => ({ status: 200, body: ds }));
    const bad = { description: 42 } as never;
    const failure = (await axiom.POST("/v2/datasets", { body: bad }).catch((error: unknown) => error)) as Error;
    expect(failure.message).toBe(
      "POST /v2/datasets: the request body doesn't match the spec: at /description: expected string, came number; at /kind: expected present, came missing; at /name: expected present, came missing",
    );
  });

  it("fails a status the operation doesn't declare", async () => {
    // Both APIs declare `default` on every operation: an app's own spec may not.
    const strict = createFake<Record<string, never>>({ origin: "https://api.example.com", validators });
    strict.on("GET /v2/datasets/{dataset_id}" as never, (() => ({ status: 500, body: { message: "boom" } })) as never);
    await expect(strict.fetch("https://api.example.com/v2/datasets/x")).rejects.toThrow(
      "GET /v2/datasets/{dataset_id}: the handler answered 500, which the operation doesn't declare (it declares 200, 404)",
    );
  });

  it("surfaces a handler's throw as the call's failure", async () => {
    fake.on("GET /v2/datasets", () => {
      throw new Error("my handler broke");
    });
    await expect(axiom.GET("/v2/datasets")).rejects.toThrow("GET /v2/datasets: the handler threw: my handler broke");
  });

  it("refuses on() for a key that isn't an operation", () => {
    expect(() => fake.on("GET /v9/nothing" as never, (() => ({ status: 200 })) as never)).toThrow('"GET /v9/nothing" is not an operation');
  });
});

describe("hostile requests", () => {
  const fake = createFakeAxiom();
  afterEach(() => fake.reset());
  const auth = { headers: { authorization: "Bearer x" } };

  it("keeps an encoded slash inside its segment, and resolves `..` before matching, as a server would", async () => {
    fake.on("GET /v2/datasets/{dataset_id}", ({ params }) => ({ status: 200, body: { ...ds, id: params.path.dataset_id } }));
    const response = await fake.fetch("https://api.axiom.co/v2/datasets/a%2Ffields", auth);
    expect(await response.json()).toMatchObject({ id: "a/fields" });
    expect(fake.calls.map((call) => call.operation)).toEqual(["GET /v2/datasets/{dataset_id}"]);
    // `..` is resolved by URL parsing: /v2/datasets/x/../.. is /v2, which is no operation.
    await expect(fake.fetch("https://api.axiom.co/v2/datasets/x/../..", auth)).rejects.toThrow("no operation matches GET /v2");
    await expect(fake.fetch("https://api.axiom.co/v2/datasets/%E0%A4%A", auth)).rejects.toThrow("no operation matches GET /v2/datasets/%E0%A4%A");
  });

  it("keeps a parameter or query named __proto__ a plain property", async () => {
    const sampled = createFakeAxiom({ unhandled: "sample" });
    await sampled.fetch("https://api.axiom.co/v2/datasets?__proto__=x&constructor=y", auth);
    const { query } = sampled.calls[0]!.params as { query: Record<string, unknown> };
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(Object.keys(query)).toEqual(["__proto__", "constructor"]);
  });

  it("never puts a credential in a failure, whatever header carried it", async () => {
    const failures = [
      await fake.fetch("https://api.axiom.co/v2/datasets", { headers: { authorization: `Bearer ${TOKEN}`, "x-api-key": TOKEN } }).catch((e: Error) => e),
      await fake.fetch(`https://api.axiom.co/v2/nothing?token=${TOKEN}`, { headers: { authorization: `Bearer ${TOKEN}` } }).catch((e: Error) => e),
      await fake
        .fetch("https://api.axiom.co/v2/datasets", {
          method: "POST",
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
          body: `{"name":${JSON.stringify(TOKEN)}`,
        })
        .catch((e: Error) => e),
    ];
    for (const failure of failures) expect(failure).toBeInstanceOf(FakeError);
    expect(JSON.stringify(failures.map((failure) => (failure as Error).message))).not.toContain(TOKEN);
  });
});

describe("a fake Galileo", () => {
  it("answers a token exchange itself, so that a client exchanging its key works as it is", async () => {
    const fake = createFakeGalileo({ unhandled: "sample" });
    for (const tokenExchange of ["v2-token", "v1-login"] as const) {
      const galileo = createGalileoClient({ apiKey: "gk-secret-key", tokenExchange, fetch: fake.fetch, throwOnError: true });
      await galileo.GET("/v2/current_user");
    }
    expect(fake.calls.map((call) => [call.operation, call.request.headers.get("authorization")])).toEqual([
      ["GET /v2/token", null],
      ["GET /v2/current_user", "Bearer fake-galileo-token"],
      ["POST /v1/login/api_key", null],
      ["GET /v2/current_user", "Bearer fake-galileo-token"],
    ]);
    fake.verify();
  });

  it("answers samples seeded by the `seed` option, the same for the same seed", async () => {
    const project = async (seed: number) => {
      const fake = createFakeGalileo({ unhandled: "sample", seed });
      const galileo = createGalileoClient({ apiKey: "gk-secret-key", fetch: fake.fetch, throwOnError: true });
      return (await galileo.POST("/v2/projects", { body: { name: "p", type: "gen_ai", create_example_templates: false } })).data;
    };
    expect(await project(5)).toEqual(await project(5));
    expect((await project(5)).id).toBe("00000005-0000-4000-8000-000000000000");
    expect((await project(6)).id).not.toBe((await project(5)).id);
  });

  it("returns to its token exchange handlers on reset()", async () => {
    const fake = createFakeGalileo().on("GET /v2/token", () => ({
      status: 200,
      body: { access_token: "mine", token_type: "bearer", expires_at: "2999-01-01T00:00:00Z" },
    }));
    fake.reset();
    const galileo = createGalileoClient({ apiKey: "gk-secret-key", tokenExchange: "v2-token", fetch: fake.fetch });
    expect((await galileo.auth.getToken()).access_token).toBe("fake-galileo-token");
  });

  it("answers the API key sent as is, and 401s a call without it", async () => {
    const fake = createFakeGalileo({ unhandled: "sample" });
    const galileo = createGalileoClient({ apiKey: "gk-secret-key", fetch: fake.fetch });
    expect((await galileo.GET("/v2/current_user")).response.status).toBe(200);
    expect((await fake.fetch("https://api.galileo.ai/v2/current_user")).status).toBe(401);
  });
});

describe("createFake, for an app's own tables", () => {
  it("takes the app's paths type and tables", async () => {
    type Paths = { "/things/{id}": { get: { parameters: { path: { id: string } }; responses: { 200: { content: { "application/json": { id: string } } } } } } };
    const fake = createFake<Paths>({ origin: "https://api.example.com/base", security: { "GET /things/{id}": { bearer: ["Authorization"] } } });
    fake.on("GET /things/{id}", ({ params }) => ({ status: 200, body: { id: params.path.id } }));
    const response = await fake.fetch("https://api.example.com/base/things/7", { headers: { authorization: "Bearer t" } });
    expect(await response.json()).toEqual({ id: "7" });
    expect(fake.origin).toBe("https://api.example.com");
    // The base path is every operation's prefix: without it, a path is no operation.
    await expect(fake.fetch("https://api.example.com/things/7")).rejects.toThrow("no operation matches GET /things/7");
    expect(fake.calls.map((call) => call.params.path)).toEqual([{ id: "7" }]);
  });

  it("checks a reply's headers with the spec's header checks", async () => {
    const requestId: Check = (value, pointer, issues) => {
      if (value === null) issues.push({ pointer, expected: "present", actual: "missing" });
    };
    const fake = createFake<Record<string, never>>({
      origin: "https://api.example.com",
      validators: { "GET /things": { responses: { "200": { headers: { "x-request-id": requestId } } } } },
    });
    fake.on("GET /things" as never, (() => ({ status: 200 })) as never);
    await expect(fake.fetch("https://api.example.com/things")).rejects.toThrow(
      "GET /things: the handler's 200 header `x-request-id` doesn't match the spec: at (its value): expected present, came missing",
    );
    fake.on("GET /things" as never, (() => ({ status: 200, headers: { "X-Request-Id": "r1" } })) as never);
    expect((await fake.fetch("https://api.example.com/things")).headers.get("x-request-id")).toBe("r1");
  });

  it("sends a declared header given as a number as its text, and checks it so", async () => {
    const fake = createFakeAxiom();
    const result = {
      format: "tabular",
      datasetNames: ["logs"],
      status: {
        elapsedTime: 1,
        blocksExamined: 0,
        rowsExamined: 0,
        rowsMatched: 0,
        numGroups: 0,
        isPartial: false,
        cacheStatus: 1,
        minBlockTime: "2026-12-01T00:00:00Z",
        maxBlockTime: "2026-12-01T00:00:00Z",
      },
    };
    fake.on("POST /v1/datasets/_apl", () => ({ status: 200, body: result as never, headers: { "X-QueryLimit-Remaining": 9 } }));
    const reply = await fake.fetch("https://api.axiom.co/v1/datasets/_apl?format=tabular", {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json" },
      body: '{"apl":"x"}',
    });
    expect(reply.headers.get("x-querylimit-remaining")).toBe("9");
    fake.on("POST /v1/datasets/_apl", () => ({ status: 200, body: result as never, headers: { "X-QueryLimit-Remaining": "many" } }));
    await expect(
      fake.fetch("https://api.axiom.co/v1/datasets/_apl?format=tabular", {
        method: "POST",
        headers: { authorization: "Bearer x", "content-type": "application/json" },
        body: '{"apl":"x"}',
      }),
    ).rejects.toThrow("header `x-querylimit-remaining` doesn't match the spec: at (its value): expected integer, came string");
  });

  it("is a GalaxiomError, so that the client rejects with it unchanged", () => {
    expect(new FakeError("x")).toBeInstanceOf(GalaxiomError);
  });
});
