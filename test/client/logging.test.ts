import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAxiomClient, createGalileoClient, fieldsFirst } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { recordingLogger } from "../helpers/logger.js";
import { KEY, tokenResponse } from "../helpers/galileo.js";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("the logger", () => {
  it("gets one debug line per attempt: method, path template, status, duration, attempt, request id", async () => {
    vi.useFakeTimers({ now: 0, toFake: ["Date", "setTimeout", "clearTimeout"] });
    const logger = recordingLogger();
    const fetch = observedFetch(json(503, {}), json(200, {}, { "x-axiom-trace-id": "trace-1" }));
    const call = createAxiomClient({ token: "xaat-0123456789abcdef", fetch, logger, clock: { random: () => 0 } }).tokens.get("secret-looking/id");
    await vi.runAllTimersAsync();
    await call;

    expect(logger.lines.filter((line) => line.level === "debug")).toEqual([
      {
        level: "debug",
        message: "galaxiom: GET /v2/tokens/{id} 503 in 0 ms (attempt 1/3)",
        fields: { method: "GET", path: "/v2/tokens/{id}", status: 503, durationMs: 0, attempt: 1, requestId: undefined },
      },
      {
        level: "debug",
        message: "galaxiom: GET /v2/tokens/{id} 200 in 0 ms (attempt 2/3, request id trace-1)",
        fields: { method: "GET", path: "/v2/tokens/{id}", status: 200, durationMs: 0, attempt: 2, requestId: "trace-1" },
      },
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain("secret-looking");
  });

  it("names attempts that got no response", async () => {
    const logger = recordingLogger();
    const fetch = observedFetch(new TypeError("fetch failed"), json(200, tokenResponse));
    await createGalileoClient({ apiKey: KEY, fetch, logger, clock: { random: () => 0 } }).auth.getToken();
    expect(logger.lines.map((line) => line.message.replace(/ 200 in \d+ ms| failed in \d+ ms/, (found) => found.split(" in ")[0]!))).toEqual([
      "galaxiom: GET /v2/token connection failed (attempt 1/3)",
      "galaxiom: GET /v2/token connection failed; retrying in 0 ms (attempt 2/3)",
      "galaxiom: GET /v2/token 200 (attempt 2/3)",
    ]);
  });

  it("logs nothing without a logger, even when retrying", async () => {
    const spies = (["debug", "info", "warn", "error", "log"] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => undefined));
    const fetch = observedFetch(json(503, {}), json(200, tokenResponse));
    await createGalileoClient({ apiKey: KEY, fetch, clock: { random: () => 0 } }).auth.getToken();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("goes to the console with GALAXIOM_DEBUG=1, read when the client is created", async () => {
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    vi.stubEnv("GALAXIOM_DEBUG", "0");
    await createGalileoClient({ apiKey: KEY, fetch: observedFetch(json(200, tokenResponse)) }).auth.getToken();
    expect(debug).not.toHaveBeenCalled();

    vi.stubEnv("GALAXIOM_DEBUG", "1");
    await createGalileoClient({ apiKey: KEY, fetch: observedFetch(json(200, tokenResponse)) }).auth.getToken();
    expect(debug).toHaveBeenCalledOnce();
    expect(debug.mock.calls[0]![0]).toMatch(/^galaxiom: GET \/v2\/token 200 in \d+ ms \(attempt 1\/3\)$/);
  });

  it("reaches pino through fieldsFirst: JSON lines with the message and the fields, redacted", async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _, done) => done(void lines.push(JSON.parse(chunk.toString()))) });
    const token = "xaat-0123456789abcdef";
    const fetch = observedFetch(json(503, {}), json(200, {}, { "x-request-id": `echo ${token}` }));
    const axiom = createAxiomClient({ token, fetch, logger: fieldsFirst(pino({ level: "debug" }, stream)), clock: { random: () => 0 } });
    await axiom.tokens.get("t1");

    expect(lines.map(({ level, msg, method, path, status, attempt }) => ({ level, msg, method, path, status, attempt }))).toEqual([
      {
        level: 20,
        msg: expect.stringMatching(/^galaxiom: GET \/v2\/tokens\/\{id\} 503 in \d+ ms \(attempt 1\/3\)$/),
        method: "GET",
        path: "/v2/tokens/{id}",
        status: 503,
        attempt: 1,
      },
      { level: 40, msg: "galaxiom: GET /v2/tokens/{id} 503; retrying in 0 ms (attempt 2/3)", method: "GET", path: "/v2/tokens/{id}", status: 503, attempt: 2 },
      {
        level: 20,
        msg: expect.stringMatching(/^galaxiom: GET \/v2\/tokens\/\{id\} 200 in \d+ ms \(attempt 2\/3, request id echo \[REDACTED\]\)$/),
        method: "GET",
        path: "/v2/tokens/{id}",
        status: 200,
        attempt: 2,
      },
    ]);
    expect(lines[1]).toMatchObject({ delayMs: 0 });
    expect(lines[2]).toMatchObject({ requestId: "echo [REDACTED]", durationMs: expect.any(Number) });
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});
