import { describe, expect, it, vi } from "vitest";
import { createAxiomClient, GalaxiomError, NotFoundError } from "../../src/index.js";
import { createValidation, ResponseValidationError } from "../../src/validation/index.js";
import { json, observedFetch, type Reply } from "../helpers/fetch.js";
import { recordingLogger } from "../helpers/logger.js";
import { validators } from "./table.js";

const TOKEN = "xaat-0123456789abcdef0123";
const validation = createValidation(validators);
const id = { params: { path: { id: "t1" } } };
const good = { id: "t1", name: "ci", expiresAt: "2030-01-01T00:00:00Z", owner: { name: "me" } };

const client = (mode: "off" | "warn" | "throw", ...replies: Reply[]) => {
  const logger = recordingLogger();
  const axiom = createAxiomClient({ token: TOKEN, validate: mode, validation, logger, retry: false, fetch: observedFetch(...replies) });
  return Object.assign(axiom, { logger });
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the call resolved"),
    (error: unknown) => error,
  );

describe("validate", () => {
  it("throw: a body failing deep rejects naming operation, status, pointer, expected and actual", async () => {
    const axiom = client("throw", json(200, { ...good, expiresAt: 1_700_000_000, owner: { name: 7 } }));
    const error = await failure(axiom.GET("/v2/tokens/{id}", id));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect(error).toMatchObject({
      name: "ResponseValidationError",
      message: "GET /v2/tokens/{id} → 200: /expiresAt: expected string (date-time), got number (and 1 more)",
      operation: { method: "GET", path: "/v2/tokens/{id}" },
      status: 200,
      total: 2,
      issues: [
        { part: "body", pointer: "/expiresAt", expected: "string (date-time)", actual: "number", status: 200 },
        { part: "body", pointer: "/owner/name", expected: "string", actual: "number" },
      ],
    });
  });

  it("a conforming response passes in every mode", async () => {
    for (const mode of ["off", "warn", "throw"] as const) {
      const axiom = client(mode, json(200, good, { "x-ratelimit-remaining": "9" }));
      const { data } = await axiom.GET("/v2/tokens/{id}", id);
      expect(data).toEqual(good);
      expect(axiom.logger.lines.filter((line) => line.level == "warn")).toEqual([]);
    }
  });

  it("off (the default) checks nothing", async () => {
    const axiom = createAxiomClient({ token: TOKEN, validation, fetch: observedFetch(json(200, [1, 2])) });
    expect((await axiom.GET("/v2/tokens/{id}", id)).data).toEqual([1, 2]);
  });

  it("warn: logs through the client's logger and resolves as usual", async () => {
    const axiom = client("warn", json(200, { ...good, name: null }));
    const { data } = await axiom.GET("/v2/tokens/{id}", id);
    expect(data).toMatchObject({ name: null });
    expect(axiom.logger.lines).toContainEqual({
      level: "warn",
      message: "GET /v2/tokens/{id} → 200: /name: expected string, got null",
      fields: { operation: "GET /v2/tokens/{id}", status: 200, issues: [expect.objectContaining({ pointer: "/name", expected: "string", actual: "null" })] },
    });
  });

  it("warn without a logger: console.warn", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const axiom = createAxiomClient({ token: TOKEN, validate: "warn", validation, fetch: observedFetch(json(200, { ...good, id: false })) });
      await axiom.GET("/v2/tokens/{id}", id);
      expect(warn).toHaveBeenCalledWith("GET /v2/tokens/{id} → 200: /id: expected string, got boolean", expect.objectContaining({ status: 200 }));
    } finally {
      warn.mockRestore();
    }
  });

  it("warn: each operation and pointer once per process, array indices folded", async () => {
    const drifted = [good, { ...good, owner: { name: 1 } }, { ...good, owner: { name: 2 } }];
    const axiom = client(
      "warn",
      json(200, drifted),
      json(200, drifted),
      json(200, [
        { ...good, owner: {} },
        { ...good, name: 5 },
      ]),
    );
    await axiom.GET("/v2/tokens");
    await axiom.GET("/v2/tokens");
    const warnings = () => axiom.logger.lines.filter((line) => line.level == "warn").map((line) => line.message);
    // Two items drifting the same way, in two calls: one warning, with the one pointer.
    expect(warnings()).toEqual(["GET /v2/tokens → 200: /1/owner/name: expected string, got number"]);
    await axiom.GET("/v2/tokens");
    // The same pointer (another drift there too) stays reported; a new one is, once.
    expect(warnings()).toEqual([
      "GET /v2/tokens → 200: /1/owner/name: expected string, got number",
      "GET /v2/tokens → 200: /1/name: expected string, got number",
    ]);
  });

  it("per call: overrides the client's mode either way", async () => {
    const drift = () => json(200, { ...good, id: 1 });
    const off = client("off", drift());
    await expect(off.GET("/v2/tokens/{id}", { ...id, validate: "throw" })).rejects.toBeInstanceOf(ResponseValidationError);
    const throwing = client("throw", drift());
    expect((await throwing.GET("/v2/tokens/{id}", { ...id, validate: "off" })).data).toMatchObject({ id: 1 });
    // and stays out of what openapi-fetch copies onto the Request
    const fetch = observedFetch(json(200, good));
    const axiom = createAxiomClient({ token: TOKEN, validation, fetch });
    await axiom.GET("/v2/tokens/{id}", { ...id, validate: "warn" });
    expect(fetch.sent).toHaveLength(1);
  });

  it("per call on a helper: tokens.get", async () => {
    const axiom = client("off", json(200, { ...good, id: 1 }));
    await expect(axiom.tokens.get("t1", { validate: "throw" })).rejects.toThrow("GET /v2/tokens/{id} → 200: /id: expected string, got number");
  });

  it("an undeclared status", async () => {
    const error = await failure(client("throw", json(418, { message: "teapot" })).GET("/v2/tokens/{id}", id));
    expect(error).toMatchObject({
      message: "GET /v2/tokens/{id} → 418: status 418 is not declared (declared: 200, 404, 5XX)",
      issues: [{ part: "status", pointer: "", expected: "200, 404, 5XX", actual: "418" }],
    });
  });

  it("a range key (5XX) and its body", async () => {
    const error = await failure(client("throw", json(503, { message: 5 })).GET("/v2/tokens/{id}", id));
    expect(error).toMatchObject({ message: "GET /v2/tokens/{id} → 503: /message: expected string, got number" });
  });

  it("with throwOnError: a drifted error body is the validation error; a conforming one the ApiError", async () => {
    const logger = recordingLogger();
    const make = (reply: Response) =>
      createAxiomClient({ token: TOKEN, validate: "throw", validation, logger, throwOnError: true, retry: false, fetch: observedFetch(reply) });
    await expect(make(json(404, { message: 404 })).GET("/v2/tokens/{id}", id)).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(make(json(404, { message: "no such token" })).GET("/v2/tokens/{id}", id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an undeclared content type; a media type's parameters and case don't count; type/* matches", async () => {
    const html = new Response("<html>", { status: 404, headers: { "content-type": "text/html" } });
    expect(await failure(client("throw", html).GET("/v2/tokens/{id}", id))).toMatchObject({
      message: "GET /v2/tokens/{id} → 404: content type text/html is not declared (declared: application/json)",
      issues: [{ part: "content type", expected: "application/json", actual: "text/html" }],
    });
    const cased = new Response(JSON.stringify(good), { headers: { "content-type": "Application/JSON; Charset=UTF-8", "x-request-id": "1" } });
    expect(
      (await client("throw", cased).POST("/v2/tokens/{id}/regenerate", { ...id, body: { existingTokenExpiresAt: "", newTokenExpiresAt: "" } })).data,
    ).toEqual(good);
    const text = new Response("plain", { headers: { "content-type": "text/plain", "x-request-id": "1" } });
    const { data } = await client("throw", text).POST("/v2/tokens/{id}/regenerate", {
      ...id,
      body: { existingTokenExpiresAt: "", newTokenExpiresAt: "" },
      parseAs: "text",
    });
    expect(data).toBe("plain");
  });

  it("a body not parsed as JSON (parseAs) is not checked; its status, content type and headers are", async () => {
    const stream = () => new Response(JSON.stringify({ id: 1 }), { headers: { "content-type": "application/json" } });
    const { data } = await client("throw", stream()).GET("/v2/tokens/{id}", { ...id, parseAs: "text" });
    expect(data).toBe('{"id":1}');
    const undeclared = new Response("x", { status: 418, headers: { "content-type": "application/json" } });
    await expect(client("throw", undeclared).GET("/v2/tokens/{id}", { ...id, parseAs: "stream" })).rejects.toThrow("status 418 is not declared");
  });

  it("an empty 204 where the spec declares no content passes; content where it declares none does not", async () => {
    expect((await client("throw", new Response(null, { status: 204 })).DELETE("/v2/tokens/{id}", id)).response.status).toBe(204);
    const withBody = json(200, {});
    const error = await failure(client("throw", withBody).DELETE("/v2/tokens/{id}", id));
    expect(error).toMatchObject({ message: "DELETE /v2/tokens/{id} → 200: status 200 is not declared (declared: 204)" });
  });

  it("a header failing its schema, and a required one missing", async () => {
    const badHeader = json(200, good, { "x-ratelimit-remaining": "lots" });
    expect(await failure(client("throw", badHeader).GET("/v2/tokens/{id}", id))).toMatchObject({
      message: "GET /v2/tokens/{id} → 200: header x-ratelimit-remaining: expected integer, got string",
      issues: [{ part: "header x-ratelimit-remaining", pointer: "", expected: "integer", actual: "string" }],
    });
    const missing = json(200, good);
    const body = { existingTokenExpiresAt: "", newTokenExpiresAt: "" };
    await expect(client("throw", missing).POST("/v2/tokens/{id}/regenerate", { ...id, body })).rejects.toThrow(
      "POST /v2/tokens/{id}/regenerate → 200: header x-request-id: expected present, got missing",
    );
  });

  it("an operation the validators don't know is reported, not passed", async () => {
    await expect(client("throw", json(200, {})).GET("/v1/datasets")).rejects.toThrow("GET /v1/datasets → 200: the validation has no checks for this operation");
  });

  it("validate without validation: refused at creation and per call, naming what to import", () => {
    expect(() => createAxiomClient({ token: TOKEN, validate: "warn" })).toThrow(
      'createAxiomClient: validate needs `validation`: import { axiomValidation, galileoValidation } from "galaxiom/validation"',
    );
    expect(() => createAxiomClient({ token: TOKEN, validate: "off" })).not.toThrow();
    const axiom = createAxiomClient({ token: TOKEN, fetch: observedFetch() });
    return expect(axiom.GET("/v2/tokens/{id}", { ...id, validate: "throw" })).rejects.toThrow(
      'GET /v2/tokens/{id}: validate needs `validation`: import { axiomValidation, galileoValidation } from "galaxiom/validation"',
    );
  });

  it("a mode that isn't one (from untyped code) is refused", async () => {
    const axiom = createAxiomClient({ token: TOKEN, validation, validate: "bogus" as "warn", fetch: observedFetch(json(200, good)) });
    await expect(axiom.GET("/v2/tokens/{id}", id)).rejects.toThrow('validate must be "off", "warn" or "throw"');
  });
});
