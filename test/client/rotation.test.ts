import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createGalileoClient, GalaxiomError } from "../../src/index.js";
import { Redactor } from "../../src/redact.js";
import type { Fetch } from "../../src/index.js";

// Keys from an apiKey function rotate: a call must keep its own key redactable until its error is made, however
// many keys later calls bring. The registry used to keep only the 16 newest, so with 20 calls in flight and a
// key per request, the first calls' errors quoted their key.
describe("rotating secrets, many calls in flight", () => {
  it("keeps every key redactable while a call that used it is in flight, in errors and log lines", async () => {
    const CALLS = 40;
    let issued = 0;
    const apiKey = () => `gk-rotating-${String(++issued).padStart(4, "0")}-abcdef`;
    const arrived: Array<(response: Response) => void> = [];
    const keys: string[] = [];
    const fetch: Fetch = async (request) => {
      const key = request.headers.get("galileo-api-key")!;
      keys.push(key);
      // Every call waits until all are in flight; then each is refused with a body that echoes its key.
      const answer = new Promise<Response>((resolve) => arrived.push(resolve));
      if (arrived.length == CALLS)
        for (const [index, resolve] of arrived.entries()) resolve(Response.json({ detail: `invalid key ${keys[index]}` }, { status: 401 }));
      return answer;
    };
    const lines: string[] = [];
    const logger = {
      debug: (message: string, fields: unknown) => lines.push(message, JSON.stringify(fields)),
      warn: () => undefined,
      info: () => undefined,
      error: () => undefined,
    };
    const galileo = createGalileoClient({ apiKey, fetch, logger, retry: false });
    const errors = await Promise.all(Array.from({ length: CALLS }, () => galileo.auth.getToken().catch((error: unknown) => error)));
    expect(keys).toHaveLength(CALLS);
    for (const error of errors) {
      expect(error).toBeInstanceOf(GalaxiomError);
      const shown = `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`;
      for (const key of keys) expect(shown).not.toContain(key);
    }
    for (const key of keys) expect(lines.join("\n")).not.toContain(key);
  });

  it("stays bounded: a secret no call holds is dropped past the newest few", () => {
    const redactor = new Redactor();
    const releases = Array.from({ length: 40 }, (_, index) => redactor.hold(`rotating-secret-${index}-x`));
    expect(redactor.text("rotating-secret-0-x rotating-secret-39-x")).toBe("[REDACTED] [REDACTED]");
    for (const release of releases) release();
    for (let index = 0; index < 100; index++) redactor.remember(`later-secret-${index}-x`);
    expect(redactor.text("rotating-secret-39-x later-secret-83-x later-secret-84-x later-secret-99-x")).toBe(
      "rotating-secret-39-x later-secret-83-x [REDACTED] [REDACTED]",
    );
  });
});

describe("a per-call header that can't be sent", () => {
  it.each([
    ["X-Api-Key", "sk-percall-secret\r\nX-Injected: 1"],
    ["Authorization", "Bearer tok-percall-secret\0"],
    ["Galileo-API-Key", "gk-percall-secret\n"],
  ])("under %s is refused naming the header, never quoting the value", async (name, value) => {
    const sent: Request[] = [];
    const galileo = createGalileoClient({
      apiKey: "gk-configured-0123456",
      fetch: async (request) => {
        sent.push(request);
        return Response.json({});
      },
    });
    for (const headers of [{ [name]: value }, [[name, value]] as [string, string][]]) {
      for (const error of [
        await galileo.GET("/v2/token", { headers }).catch((e: unknown) => e),
        await galileo.auth.getToken({}, { headers }).catch((e: unknown) => e),
      ]) {
        expect(error).toBeInstanceOf(GalaxiomError);
        expect((error as Error).message).toBe(
          `GET /v2/token: the header \`${name}\` has a value that can't be sent (a line break or NUL); the value is not shown`,
        );
        expect(`${JSON.stringify(error)} ${inspect(error)}`).not.toContain("percall-secret");
      }
    }
    expect(sent).toEqual([]);
  });
});
