import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createAxiomClient, createGalileoClient, type GalileoClient } from "../../src/index.js";
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
const SECRETS = [KEY, PASSWORD, ACCESS_TOKEN, ...EXCHANGED, AXIOM_TOKEN, btoa(`ada:${PASSWORD}`)];

const echo = (...secrets: string[]) => ({ detail: [{ loc: ["body", "api_key"], msg: `invalid: ${secrets.join(" ")}`, type: "value_error", input: secrets[0] }] });
const exchanged = (index: number) => json(200, { access_token: EXCHANGED[index], token_type: "bearer", expires_at: "2099-01-01T00:00:00Z" });
const abort = new AbortController();
const abortWithData = new AbortController();

/** Each scenario makes a client, calls it, and ends in an error; the logger sees every line on the way. */
const scenarios: Record<string, (logger: ReturnType<typeof recordingLogger>) => Promise<unknown>> = {
  "a login refused, the key echoed in the body and a header": (logger) =>
    galileo({ apiKey: KEY }, logger, json(401, echo(KEY), { "x-echo": KEY, "set-cookie": `session=${KEY}` })).auth.loginWithApiKey(),
  "exchanged tokens refused twice, echoed": (logger) =>
    galileo({ apiKey: KEY, tokenExchange: "v2-token" }, logger, exchanged(0), json(401, { message: `expired ${EXCHANGED[0]}` }), exchanged(1), json(401, echo(EXCHANGED[1]!, KEY)))
      .apiKeys.create({ description: "ci" }),
  "a login exchange with a key from a function, refused, echoing the key": (logger) =>
    galileo({ apiKey: async () => KEY, tokenExchange: "v1-login" }, logger, json(422, echo(KEY))).apiKeys.create({ description: "ci" }),
  "basic credentials refused, the header echoed": (logger) =>
    galileo({ username: "ada", password: PASSWORD }, logger, json(403, { error: `Basic ${btoa(`ada:${PASSWORD}`)} / ${PASSWORD}` })).auth.getToken(),
  "a bearer token through retries to a 500": (logger) =>
    galileo({ accessToken: ACCESS_TOKEN }, logger, json(500, { token: ACCESS_TOKEN }), json(502, ACCESS_TOKEN), json(503, { message: ACCESS_TOKEN }))
      .auth.getToken(),
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
  "a success that is not JSON, holding the key": (logger) =>
    galileo({ apiKey: KEY }, logger, new Response(`key=${KEY}`, { headers: { "content-type": "text/plain" } })).auth.getToken(),
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

function galileo(auth: object, logger: ReturnType<typeof recordingLogger>, ...replies: Reply[]): GalileoClient {
  return createGalileoClient({ ...(auth as { apiKey: string }), logger, fetch: observedFetch(...replies), clock: { random: () => 0 } });
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
    for (const secret of SECRETS) expect(output).not.toContain(secret);
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
});
