import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  createAxiomClient,
  createGalileoClient,
  GalaxiomError,
  ServerError,
  TimeoutError,
  type AxiomClient,
} from "../../src/index.js";
import { instant, KEY, tokenResponse } from "../helpers/galileo.js";
import { localServer } from "../helpers/hostile.js";
import { recordingLogger } from "../helpers/logger.js";
import { useLoopback, type Received } from "../helpers/server.js";

const loopback = useLoopback();
const TOKEN = "xaat-bodies-0123456789abcdef";
const ingested = { ingested: 2, failed: 0, processedBytes: 16, blocksCreated: 0, walLength: 2 };
const LOGS = { path: { dataset_name: "logs" } };
const bytes = (text: string) => new TextEncoder().encode(text);

/** An Axiom client of a loopback server that answers every request with `status` and `body` (JSON). */
async function axiomOf(status = 200, body: unknown = ingested) {
  const api = await loopback((_, response) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)));
  return { api, axiom: createAxiomClient({ token: TOKEN, baseUrl: api.origin, clock: instant }) };
}

/** What a multipart body holds, parsed as the runtime parses one. */
function formOf({ headers, body }: Received): Promise<FormData> {
  return new Response(body, { headers: { "content-type": headers["content-type"]! } }).formData();
}

/** A stream of `chunks`, then the end. */
function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk === undefined) controller.close();
      else controller.enqueue(bytes(chunk));
    },
  });
}

/** Nothing about the error, however it is shown, holds the secret. */
function expectNoSecret(error: unknown, secret: string) {
  const shown = [String(error), JSON.stringify(error), String((error as Error).stack), String((error as Error).cause), JSON.stringify((error as Error).cause)];
  for (const text of shown) expect(text).not.toContain(secret);
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
    expect((error as Error).message).toBe(
      "POST /v1/datasets/{dataset_name}/ingest: the header `X-Axiom-CSV-Fields` has a value that can't be sent (a line break or NUL); the value is not shown",
    );
    expect(api.received).toEqual([]);
  });
});

describe("Axiom ingest: a body that is already text or binary data goes as it is", () => {
  /** An ingest call; `body` is whatever the test sends, even what the types refuse. */
  const ingest = (axiom: AxiomClient, body: unknown, contentType?: string) =>
    axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body: body as string, ...(contentType && { headers: { "Content-Type": contentType } }) });

  it("NDJSON text, with the Content-Type the call picks", async () => {
    const { api, axiom } = await axiomOf();
    const { data } = await ingest(axiom, '{"a":1}\n{"a":2}\n', "application/x-ndjson");
    expect(data).toEqual(ingested);
    expect(api.received[0]).toMatchObject({ url: "/v1/datasets/logs/ingest", body: '{"a":1}\n{"a":2}\n' });
    expect(api.received[0]!.headers["content-type"]).toBe("application/x-ndjson");
  });

  it("a CSV Blob, a typed array and an ArrayBuffer, byte for byte", async () => {
    const { api, axiom } = await axiomOf();
    await ingest(axiom, new Blob(["a,b\n1,2\n"], { type: "text/plain" }), "text/csv");
    await ingest(axiom, bytes('{"a":1}\n'), "application/x-ndjson");
    await ingest(axiom, bytes("[]").buffer);
    expect(api.received.map(({ body, headers }) => [headers["content-type"], body])).toEqual([
      ["text/csv", "a,b\n1,2\n"],
      ["application/x-ndjson", '{"a":1}\n'],
      ["application/json", "[]"],
    ]);
  });

  it("text under the operation's first media type, application/json, when the call names none: not JSON-encoded again", async () => {
    const { api, axiom } = await axiomOf();
    await ingest(axiom, '[{"a":1}]');
    expect(api.received[0]!.headers["content-type"]).toBe("application/json");
    expect(api.received[0]!.body).toBe('[{"a":1}]');
  });

  it("not through the client's serializer, which still encodes data", async () => {
    const api = await loopback((_, response) => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
    const axiom = createAxiomClient({ token: TOKEN, baseUrl: api.origin, bodySerializer: (body) => `serialized ${JSON.stringify(body)}` });
    await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body: "a,b\n", headers: { "Content-Type": "text/csv" } });
    await axiom.POST("/v1/datasets/_apl", { params: { query: { format: "legacy" } }, body: { apl: "x" } });
    expect(api.received.map(({ body }) => body)).toEqual(["a,b\n", 'serialized {"apl":"x"}']);
  });

  it("refuses data for a text media type rather than sending it as JSON", async () => {
    const { api, axiom } = await axiomOf();
    const error = await ingest(axiom, [{ a: 1 }], "text/csv").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(
      "POST /v1/datasets/{dataset_name}/ingest: a text/csv body must be a string, Blob, ArrayBuffer, typed array or ReadableStream",
    );
    expect(api.received).toEqual([]);
  });

  it("refuses a Content-Type with a line break, sending nothing", async () => {
    const { api, axiom } = await axiomOf();
    const error = await ingest(axiom, "a,b\n", "text/csv\r\nX-Injected: 1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(
      "POST /v1/datasets/{dataset_name}/ingest: the header `Content-Type` has a value that can't be sent (a line break or NUL); the value is not shown",
    );
    expect(api.received).toEqual([]);
  });
});

describe("a streamed body (ReadableStream)", () => {
  it("is sent as it is read: the server has the first chunk before the stream ends, chunked, with no Content-Length", async () => {
    let firstChunkIn!: () => void;
    const firstChunk = new Promise<void>((resolve) => (firstChunkIn = resolve));
    const seen = { headers: {} as IncomingHttpHeaders, body: "" };
    const server = await localServer((request, response) => {
      seen.headers = request.headers;
      request.on("data", (chunk: Buffer) => {
        seen.body += chunk.toString();
        firstChunkIn();
      });
      request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(ingested)));
    });
    try {
      let pulls = 0;
      // The second line is written only once the server has the first: a client that read the stream whole before
      // sending it would wait for ever.
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (pulls++ == 0) return controller.enqueue(bytes('{"n":1}\n'));
          await firstChunk;
          controller.enqueue(bytes('{"n":2}\n'));
          controller.close();
        },
      });
      const axiom = createAxiomClient({ token: TOKEN, baseUrl: server.base });
      const { data } = await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body, headers: { "Content-Type": "application/x-ndjson" } });
      expect(data).toEqual(ingested);
      expect(seen.body).toBe('{"n":1}\n{"n":2}\n');
      expect(seen.headers).toMatchObject({ "content-type": "application/x-ndjson", "transfer-encoding": "chunked" });
      expect(seen.headers["content-length"]).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it("is answered as any other when no retry is due (a POST)", async () => {
    const { api, axiom } = await axiomOf(503, { message: "overloaded" });
    const { error, response } = await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body: streamOf("[]") });
    expect(response.status).toBe(503);
    expect(error).toEqual({ message: "overloaded" });
    expect(api.received).toHaveLength(1);
  });

  it("is not sent again for a retry: the call fails with the attempt's error as its cause", async () => {
    const { api, axiom } = await axiomOf(503, { message: "overloaded" });
    const error = await axiom
      .POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body: streamOf('{"a":1}\n', '{"a":2}\n'), retry: { idempotent: true } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(
      "POST /v1/datasets/{dataset_name}/ingest: 503 Service Unavailable: overloaded; not sent again: a streamed body is read once (send a string, Blob or ArrayBuffer to allow retries)",
    );
    expect((error as Error).cause).toBeInstanceOf(ServerError);
    expect((error as Error).cause).toMatchObject({ status: 503, body: { message: "overloaded" } });
    expect(api.received.map(({ body }) => body)).toEqual(['{"a":1}\n{"a":2}\n']);
  });

  it("is not sent again after a dropped connection", async () => {
    const api = await loopback((_, response) => response.socket!.destroy());
    const axiom = createAxiomClient({ token: TOKEN, baseUrl: api.origin, clock: instant });
    const error = await axiom
      .POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body: streamOf("[]"), retry: { idempotent: true } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toMatch(/: could not reach http:\/\/127\.0\.0\.1:\d+, after 1 attempt.*; not sent again: a streamed body is read once/);
    expect((error as Error).cause).toBeInstanceOf(ConnectionError);
    expect(api.received).toHaveLength(1);
  });

  it("is not sent again with a renewed token after a 401", async () => {
    const api = await loopback((request, response) => {
      if (request.url.startsWith("/v2/token")) response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(tokenResponse));
      else response.writeHead(401, { "content-type": "application/json" }).end('{"detail": "token expired"}');
    });
    const galileo = createGalileoClient({ apiKey: KEY, tokenExchange: "v2-token", baseUrl: api.origin });
    const headers = { "Content-Type": "multipart/form-data; boundary=b" };
    // A multipart body streamed by hand, which the types don't offer: Galileo's only streamed uploads.
    const error = await galileo.POST("/v2/datasets", { body: streamOf("--b--\r\n") as never, headers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(
      "POST /v2/datasets: 401 Unauthorized: token expired; not sent again: a streamed body is read once (send a string, Blob or ArrayBuffer to allow retries)",
    );
    expect((error as Error).cause).toBeInstanceOf(AuthenticationError);
    expect(api.received.map(({ method, url }) => `${method} ${url}`)).toEqual(["GET /v2/token", "POST /v2/datasets"]);
    expectNoSecret(error, KEY);
    expectNoSecret(error, tokenResponse.access_token);
  });

  it("follows no 307 redirect, which would send it again", async () => {
    const api = await loopback((request, response) => response.writeHead(307, { location: `${request.url}?again=1` }).end());
    const axiom = createAxiomClient({ token: TOKEN, baseUrl: api.origin });
    const error = await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body: streamOf("[]") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(
      "POST /v1/datasets/{dataset_name}/ingest: 307 redirect not followed: a streamed body is read once, so it can't be sent again",
    );
    expect(api.received).toHaveLength(1);
  });

  it("that fails midway fails the call as the stream's failure, redacted, not a connection's, and is not retried", async () => {
    const api = await loopback((_, response) => response.writeHead(200).end("{}"));
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ == 0) controller.enqueue(bytes('{"a":1}\n'));
        else controller.error(new Error(`disk gone while reading ${TOKEN}`));
      },
    });
    const logger = recordingLogger();
    const axiom = createAxiomClient({ token: TOKEN, baseUrl: api.origin, clock: instant, logger });
    const error = await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body, retry: { idempotent: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(logger.lines.filter(({ level }) => level == "warn")).toEqual([]);
    expect((error as Error).message).toBe("POST /v1/datasets/{dataset_name}/ingest: the request body stream failed: disk gone while reading [REDACTED]");
    expect((error as Error).cause).toMatchObject({ message: "disk gone while reading [REDACTED]" });
    expectNoSecret(error, TOKEN);
    // The server never had a whole request.
    expect(api.received).toEqual([]);
  });

  it("that stalls ends at the timeout, and is cancelled rather than left waiting to be read", async () => {
    const api = await loopback(() => undefined);
    let cancelled!: (reason: unknown) => void;
    const cancel = new Promise((resolve) => (cancelled = resolve));
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => (pulls++ == 0 ? controller.enqueue(bytes('{"a":1}\n')) : new Promise(() => undefined)),
      cancel: cancelled,
    });
    const axiom = createAxiomClient({ token: TOKEN, baseUrl: api.origin, timeout: 200 });
    const error = await axiom.POST("/v1/datasets/{dataset_name}/ingest", { params: LOGS, body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("POST /v1/datasets/{dataset_name}/ingest: no response within the 200 ms timeout, after 1 attempt");
    await expect(cancel).resolves.toMatchObject({ name: "TimeoutError" });
  });

  it("is left unread and unlocked when the call fails before sending", async () => {
    const galileo = createGalileoClient({ apiKey: () => "", baseUrl: "http://127.0.0.1:9" });
    const body = streamOf("--b--\r\n");
    // A multipart body streamed by hand, as above.
    const call = galileo.POST("/v2/datasets", { body: body as never, headers: { "Content-Type": "multipart/form-data; boundary=b" } });
    await expect(call).rejects.toThrow("the apiKey function returned no key");
    expect(body.locked).toBe(false);
  });
});

describe("Galileo: a form and a multipart upload", () => {
  const galileoOf = async () => {
    const api = await loopback((_, response) => response.writeHead(200, { "content-type": "application/json" }).end('{"id": "d1"}'));
    return { api, galileo: createGalileoClient({ apiKey: KEY, baseUrl: api.origin }) };
  };

  it("encodes a login's fields as the operation's form, each value escaped so that none adds a field", async () => {
    const { api, galileo } = await galileoOf();
    await galileo.POST("/v1/login", { body: { username: "ada@example.com", password: "p&w=1&admin=true", scope: "", client_id: null } });
    expect(api.received[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(api.received[0]!.body).toBe("username=ada%40example.com&password=p%26w%3D1%26admin%3Dtrue&scope=");
    expect(Object.fromEntries(new URLSearchParams(api.received[0]!.body))).toEqual({ username: "ada@example.com", password: "p&w=1&admin=true", scope: "" });
  });

  it("sends URLSearchParams as they are", async () => {
    const { api, galileo } = await galileoOf();
    await galileo.POST("/v1/login", { body: new URLSearchParams({ username: "ada", password: "pw" }) });
    expect(api.received[0]!.body).toBe("username=ada&password=pw");
    expect(api.received[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("refuses a file in a URL-encoded form", async () => {
    const { api, galileo } = await galileoOf();
    const body = { username: "ada", password: new Blob(["pw"]), scope: "" };
    await expect(galileo.POST("/v1/login", { body: body as never })).rejects.toThrow(
      "POST /v1/login: field `password` is a Blob, which a URL-encoded form can't carry: send multipart/form-data",
    );
    expect(api.received).toEqual([]);
  });

  it("uploads a FormData with a file, under the runtime's multipart Content-Type and boundary", async () => {
    const { api, galileo } = await galileoOf();
    const form = new FormData();
    form.append("name", "traces");
    form.append("file", new Blob(["input,output\nhi,hello\n"], { type: "text/csv" }), "traces.csv");
    const { data } = await galileo.POST("/v2/datasets", { body: form, params: { query: { format: "csv" } } });
    expect(data).toEqual({ id: "d1" });
    expect(api.received[0]!.url).toBe("/v2/datasets?format=csv");
    expect(api.received[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=.+/);
    const sent = await formOf(api.received[0]!);
    expect(sent.get("name")).toBe("traces");
    const file = sent.get("file") as File;
    expect([file.name, file.type, await file.text()]).toEqual(["traces.csv", "text/csv", "input,output\nhi,hello\n"]);
  });

  it("gives a FormData the runtime's Content-Type even when the call names multipart/form-data, which lacks the boundary", async () => {
    const { api, galileo } = await galileoOf();
    const form = new FormData();
    form.append("name", "traces");
    await galileo.POST("/v2/datasets", { body: form, headers: { "Content-Type": "multipart/form-data" } });
    expect(api.received[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=.+/);
    expect((await formOf(api.received[0]!)).get("name")).toBe("traces");
  });

  it("encodes typed fields as the operation's multipart form, a Blob as a file", async () => {
    const { api, galileo } = await galileoOf();
    const body = { name: "traces", file: new Blob(["a,b\n"]), draft: false, hidden: true, append_suffix_if_duplicate: false, project_id: null };
    await galileo.POST("/v2/datasets", { body });
    const sent = await formOf(api.received[0]!);
    expect([...sent.keys()]).toEqual(["name", "file", "draft", "hidden", "append_suffix_if_duplicate"]);
    expect([sent.get("draft"), sent.get("hidden")]).toEqual(["false", "true"]);
    expect(await (sent.get("file") as File).text()).toBe("a,b\n");
  });

  it("escapes a field name and a file name that try to add a part or a header", async () => {
    const { api, galileo } = await galileoOf();
    const form = new FormData();
    form.append('name"\r\nX-Injected: 1', "x");
    form.append("file", new Blob(["data"]), 'a.csv"\r\n\r\n--evil\r\nContent-Disposition: form-data; name="admin"');
    await galileo.POST("/v2/datasets", { body: form });
    const { body } = api.received[0]!;
    expect(body).not.toContain("\r\nX-Injected");
    expect(body).not.toContain("\r\n--evil");
    expect([...(await formOf(api.received[0]!)).keys()]).toHaveLength(2);
  });
});
