import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AbortError, createAxiomClient, createGalileoClient, type ApiKey, type GalileoClient } from "../../src/index.js";
import { Redactor } from "../../src/redact.js";
import { json, observedFetch, type Reply } from "../helpers/fetch.js";
import { recordingLogger } from "../helpers/logger.js";
import { useNock } from "../helpers/nock.js";

const nock = useNock();

// Every secret a client holds or is handed; none may appear in anything galaxiom throws or logs.
const KEY = "gk-sweep-key-0123456789";
const PASSWORD = "sweep-password-0123456789";
const ACCESS_TOKEN = "sweep-access-token-0123456789";
const EXCHANGED = ["sweep-exchanged-one-0123456789", "sweep-exchanged-two-0123456789"];
const AXIOM_TOKEN = "xaat-sweep-0123456789";
// A key with characters that URL-encoding and base64 change, and a secret in a custom header.
const ODD_KEY = "gk/sweep+odd=key 0123456789?&ü";
const CUSTOM_AUTH = "sweep-custom-auth-0123456789";
/** Never given to a client as a credential: only URLs and a redirect carry it. */
const IN_URL = "sweep-in-url-0123456789";
// The tokens the renewal scenario is handed, as it gets them.
const renewed: string[] = [];
const SECRETS = [KEY, PASSWORD, ACCESS_TOKEN, ...EXCHANGED, AXIOM_TOKEN, btoa(`ada:${PASSWORD}`), ODD_KEY, CUSTOM_AUTH, IN_URL];

const base64 = (text: string) => Buffer.from(text).toString("base64");
const base64url = (text: string) => Buffer.from(text).toString("base64url");
/** A secret as it may be echoed: as is, URL-encoded, base64 and base64url. */
const formsOf = (secret: string) => [secret, encodeURIComponent(secret), base64(secret).replace(/=+$/, ""), base64url(secret)];

const echo = (...secrets: string[]) => ({
  detail: [{ loc: ["body", "api_key"], msg: `invalid: ${secrets.join(" ")}`, type: "value_error", input: secrets[0] }],
});
const exchanged = (index: number) => json(200, { access_token: EXCHANGED[index], token_type: "bearer", expires_at: "2099-01-01T00:00:00Z" });
const abort = new AbortController();
const abortWithData = new AbortController();

/** Each scenario makes a client, calls it, and ends in an error; the logger sees every line on the way. */
const scenarios: Record<string, (logger: ReturnType<typeof recordingLogger>) => Promise<unknown>> = {
  "a login refused, the key echoed in the body and a header": (logger) =>
    galileo({ apiKey: KEY }, logger, json(401, echo(KEY), { "x-echo": KEY, "set-cookie": `session=${KEY}` })).auth.loginWithApiKey(),
  "exchanged tokens refused twice, echoed": (logger) =>
    galileo(
      { apiKey: KEY, tokenExchange: "v2-token" },
      logger,
      exchanged(0),
      json(401, { message: `expired ${EXCHANGED[0]}` }),
      exchanged(1),
      json(401, echo(EXCHANGED[1]!, KEY)),
    ).apiKeys.create({ description: "ci" }),
  "a login exchange with a key from a function, refused, echoing the key": (logger) =>
    galileo({ apiKey: async () => KEY, tokenExchange: "v1-login" }, logger, json(422, echo(KEY))).apiKeys.create({ description: "ci" }),
  "basic credentials refused, the header echoed": (logger) =>
    galileo({ username: "ada", password: PASSWORD }, logger, json(403, { error: `Basic ${btoa(`ada:${PASSWORD}`)} / ${PASSWORD}` })).auth.getToken(),
  "a bearer token through retries to a 500": (logger) =>
    galileo(
      { accessToken: ACCESS_TOKEN },
      logger,
      json(500, { token: ACCESS_TOKEN }),
      json(502, ACCESS_TOKEN),
      json(503, { message: ACCESS_TOKEN }),
    ).auth.getToken(),
  "a connection error whose message spells out the headers": (logger) =>
    galileo({ apiKey: KEY }, logger, new Error(`No match for request {"headers":{"galileo-api-key":"${KEY}"}}`)).auth.getToken({}, { retry: false }),
  "a timeout while exchanging": (logger) => galileo({ apiKey: KEY, tokenExchange: "v2-token" }, logger, "hang").auth.getToken({}, { timeout: 5, retry: false }),
  "a caller's abort whose reason holds the key": (logger) => {
    abort.abort(new Error(`cancelled while using ${KEY}`));
    return galileo({ apiKey: KEY }, logger).auth.getToken({}, { signal: abort.signal });
  },
  "a caller's abort whose reason is data holding the key": (logger) => {
    abortWithData.abort({ why: `navigated away from ${KEY}`, apiKey: KEY });
    return galileo({ apiKey: KEY }, logger).auth.getToken({}, { signal: abortWithData.signal });
  },
  // Each call is refused and renews its token; then a call with the token at hand is answered with the key echoed.
  "31 token renewals, then the key echoed": async (logger) => {
    const galileo = renewingClient(logger);
    for (let call = 0; call < 31; call++) await galileo.apiKeys.create({ description: "ci" }).catch(() => undefined);
    return galileo.apiKeys.create({ description: "echo" });
  },
  "a key echoed URL-encoded, base64 and base64url": (logger) =>
    galileo({ apiKey: ODD_KEY }, logger, json(400, { message: `${encodeURIComponent(ODD_KEY)} ${base64(ODD_KEY)} ${base64url(ODD_KEY)}` })).auth.getToken(),
  "a secret-looking custom header echoed": (logger) =>
    galileo({ apiKey: KEY, headers: { "X-Custom-Auth": CUSTOM_AUTH } }, logger, json(400, { message: `bad X-Custom-Auth ${CUSTOM_AUTH}` })).auth.getToken(),
  "a request id holding the key": (logger) => galileo({ apiKey: KEY }, logger, json(404, {}, { "x-request-id": `rid-${KEY}` })).auth.getToken(),
  "an abort with no reason (a DOMException)": (logger) => {
    const controller = new AbortController();
    controller.abort();
    return galileo({ apiKey: KEY }, logger).auth.getToken({}, { signal: controller.signal });
  },
  "an AbortSignal.timeout() while the server hangs": (logger) =>
    galileo({ apiKey: KEY }, logger, "hang").auth.getToken({}, { signal: AbortSignal.timeout(5), retry: false }),
  "a fetch failing with a DOMException holding the key": (logger) =>
    galileo({ apiKey: KEY }, logger, new DOMException(`no route for ${KEY}`, "NetworkError")).auth.getToken({}, { retry: false }),
  "a success that is not JSON, holding the key": (logger) =>
    galileo({ apiKey: KEY }, logger, new Response(`key=${KEY}`, { headers: { "content-type": "text/plain" } })).auth.getToken(),
  "a redirect to another origin, the key and a secret in its Location": (logger) =>
    galileo(
      { apiKey: KEY },
      logger,
      new Response(null, { status: 307, headers: { location: `https://elsewhere.example/?key=${KEY}&sig=${IN_URL}` } }),
    ).auth.getToken(),
  "a call's own baseUrl with credentials in it": (logger) =>
    galileo({ apiKey: KEY }, logger).GET("/v2/token", { baseUrl: `https://ada:${IN_URL}@api.galileo.ai` }),
  "a body that stalls, after headers echoing the key": (logger) =>
    galileo(
      { apiKey: KEY, timeout: 20 },
      logger,
      () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode(`{"k": "${KEY}`)) }), { headers: { "x-request-id": KEY } }),
    ).auth.getToken({}, { retry: false }),
  "an Axiom token refused, through nock's own no-match error": async (logger) => {
    nock("https://api.axiom.co").get("/v2/tokens/other").reply(200, {});
    const axiom = createAxiomClient({ token: AXIOM_TOKEN, orgId: "acme", logger, retry: false });
    try {
      return await axiom.tokens.get("abc");
    } finally {
      nock.cleanAll();
    }
  },
};

/**
 * A client exchanging its key for tokens, each one new: a create described "echo" is refused with the key and the
 * newest token echoed, any other create is refused with a 401, which renews the token.
 */
function renewingClient(logger: ReturnType<typeof recordingLogger>, apiKey: ApiKey = KEY): GalileoClient {
  const fetch = observedFetch((request) => {
    if (request.url.endsWith("/v2/token")) {
      renewed.push(`sweep-renewed-${renewed.length}-0123456789`);
      return json(200, { access_token: renewed.at(-1), token_type: "bearer", expires_at: "2099-01-01T00:00:00Z" });
    }
    return fetch.sent.at(-1)!.body?.includes("echo") ? json(400, echo(KEY, renewed.at(-1)!)) : json(401, {});
  });
  return galileo({ apiKey, tokenExchange: "v2-token", fetch }, logger);
}

/** A client with `options` (credentials, and any other), the logger, and `replies`; retries without waiting. */
function galileo(options: object, logger: ReturnType<typeof recordingLogger>, ...replies: Reply[]): GalileoClient {
  return createGalileoClient({ fetch: observedFetch(...replies), ...(options as { apiKey: string }), logger, clock: { random: () => 0 } });
}

/** Every way an error is likely to be shown: message, stack, JSON, util.inspect (which walks `cause`). */
function renderings(error: unknown): string[] {
  return [String(error), (error as Error).stack ?? "", JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
}

describe("the redaction sweep", () => {
  it.each(Object.keys(scenarios))("%s: no secret in what is thrown or logged", async (name) => {
    const logger = recordingLogger();
    const error = await scenarios[name]!(logger).then(
      () => expect.unreachable("the scenario should fail"),
      (e: unknown) => e,
    );
    const output = [...renderings(error), JSON.stringify(logger.lines), inspect(logger.lines, { depth: 10 })].join("\n");
    for (const form of [...SECRETS, ...renewed].flatMap(formsOf)) expect(output).not.toContain(form);
    expect(output).toMatch(/GET|POST/);
  });

  it("masks what reached the error, rather than dropping it", async () => {
    const error = await scenarios["a login refused, the key echoed in the body and a header"]!(recordingLogger()).catch((e: unknown) => e);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      status: 401,
      body: { detail: [{ msg: "invalid: [REDACTED]", input: "[REDACTED]" }] },
      headers: { "x-echo": "[REDACTED]", "set-cookie": "[REDACTED]" },
    });
  });
});

describe("the registry", () => {
  it("keeps configured secrets for good, and the 16 newest rotating ones", () => {
    const redactor = new Redactor(["configured-0123456789"]);
    const rotating = Array.from({ length: 17 }, (_, index) => `rotating-${index}-0123456789`);
    for (const secret of rotating) redactor.remember(secret);
    expect(redactor.text(`configured-0123456789 ${rotating.join(" ")}`)).toBe(`[REDACTED] ${rotating[0]}${" [REDACTED]".repeat(16)}`);
  });

  it("keeps a rotating secret that is remembered again, as one still in use is", () => {
    const redactor = new Redactor();
    redactor.remember("in-use-0123456789");
    for (let index = 0; index < 40; index++) {
      redactor.remember(`rotating-${index}-0123456789`);
      redactor.remember("in-use-0123456789");
    }
    expect(redactor.text("in-use-0123456789")).toBe("[REDACTED]");
  });

  it("matches every form of a secret, and leaves very short values alone", () => {
    const redactor = new Redactor([ODD_KEY, "short"]);
    expect(redactor.text(formsOf(ODD_KEY).join(" "))).toBe("[REDACTED] [REDACTED] [REDACTED] [REDACTED]");
    expect(redactor.text(`${base64(ODD_KEY)}|short`)).toMatch(/^\[REDACTED\]=*\|short$/);
  });

  it("masks values under secret-looking names, `auth` among them as a word of its own", () => {
    const masked = new Redactor().value({ "X-Custom-Auth": "a", auth_header: "b", author: "ada", "www-authenticate": "Bearer" });
    expect(masked).toEqual({ "X-Custom-Auth": "[REDACTED]", auth_header: "[REDACTED]", author: "ada", "www-authenticate": "Bearer" });
  });

  it.each([
    ["a configured key", KEY],
    ["a key from a function", () => KEY],
  ])("masks %s after any number of token renewals", async (_, apiKey) => {
    const galileo = renewingClient(recordingLogger(), apiKey);
    for (let call = 0; call < 40; call++) {
      await galileo.apiKeys.create({ description: "ci" }).catch(() => undefined);
      const error = await galileo.apiKeys.create({ description: "echo" }).catch((e: unknown) => e);
      expect(renderings(error).join("\n"), `after ${call + 1} renewals`).not.toContain(KEY);
    }
  });
});

describe("a cause", () => {
  it("is a copy of the same class, redacted, keeping plain data and dropping other objects", async () => {
    const plain = new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
    const request = new Request("https://api.galileo.ai/v2/token", { headers: { "Galileo-API-Key": KEY } });
    const rich = Object.assign(new TypeError(`boom ${KEY}`), { code: "E_BOOM", socket: { remotePort: 443 }, request });
    const errors = [];
    for (const cause of [plain, rich]) {
      const galileo = createGalileoClient({ apiKey: KEY, fetch: observedFetch(cause), retry: false });
      errors.push((await galileo.auth.getToken().catch((e: unknown) => e)) as Error);
    }
    expect(errors[0]!.cause).toBeInstanceOf(TypeError);
    expect(errors[0]!.cause).toMatchObject({ message: "fetch failed", cause: { message: "read ECONNRESET", code: "ECONNRESET" } });
    expect(errors[1]!.cause).not.toBe(rich);
    expect(errors[1]!.cause).toBeInstanceOf(TypeError);
    expect(errors[1]!.cause).toMatchObject({ message: "boom [REDACTED]", code: "E_BOOM", socket: { remotePort: 443 } });
    expect(errors[1]!.cause).not.toHaveProperty("request");
    expect(inspect(errors[1], { depth: 10, showHidden: true })).not.toContain(KEY);
  });

  it("that is a DOMException is a real one, redacted, so that printing it works", async () => {
    const fetch = observedFetch(new DOMException(`no route for ${KEY}`, "NetworkError"));
    const error = (await createGalileoClient({ apiKey: KEY, fetch, retry: false })
      .auth.getToken()
      .catch((e: unknown) => e)) as Error;
    expect(error.cause).toBeInstanceOf(DOMException);
    expect(error.cause).toMatchObject({ name: "NetworkError", message: "no route for [REDACTED]", code: 19 });
    expect(String(error.cause)).toBe("NetworkError: no route for [REDACTED]");
    expect(inspect(error)).toContain("no route for [REDACTED]");
  });

  it.each([
    ["an abort with no reason", () => AbortSignal.abort(), "AbortError"],
    ["AbortSignal.timeout()", () => AbortSignal.timeout(5), "TimeoutError"],
  ])("of an AbortError from %s prints with inspect, String and JSON", async (_, signal, name) => {
    const galileo = createGalileoClient({ apiKey: KEY, fetch: observedFetch("hang"), retry: false });
    const error = (await galileo.auth.getToken({}, { signal: signal() }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBeInstanceOf(DOMException);
    expect((error.cause as DOMException).name).toBe(name);
    expect(String(error.cause)).toMatch(new RegExp(`^${name}: `));
    expect(inspect(error, { depth: 10, showHidden: true })).toContain(name);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "AbortError" });
  });
});
