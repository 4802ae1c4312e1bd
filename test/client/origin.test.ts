import { describe, expect, it } from "vitest";
import { createAxiomClient, createGalileoClient, GalaxiomError } from "../../src/index.js";
import { useLoopback } from "../helpers/server.js";

// A client holds credentials for one origin. A per-call baseUrl or a middleware can point a request elsewhere
// after the client checked its own baseUrl; the check as the request is sent is what keeps them home.
const TOKEN = "xaat-origin-0123456789";
const ORG = "org-origin-42";
const KEY = "gk-origin-0123456789";
const loopback = useLoopback();

async function twoOrigins() {
  const ok = (_: unknown, response: import("node:http").ServerResponse) => {
    response.setHeader("content-type", "application/json");
    response.end('{"id":"t1"}');
  };
  return { home: await loopback(ok), away: await loopback(ok) };
}

/** Everything an error shows: message, properties, cause. */
const shown = (error: unknown) => `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`;

describe("credentials never leave the client's origin", () => {
  it("refuses a raw call's per-call baseUrl to another origin, before anything is sent there", async () => {
    const { home, away } = await twoOrigins();
    const axiom = createAxiomClient({ token: TOKEN, orgId: ORG, baseUrl: home.origin, retry: false });
    const error = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t1" } }, baseUrl: away.origin }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GalaxiomError);
    expect((error as Error).message).toBe(
      `GET /v2/tokens/{id}: refusing to send to ${away.origin}: this client sends only to ${home.origin}, where its credentials belong; create a client for the other origin`,
    );
    expect(shown(error)).not.toContain(TOKEN);
    expect(away.received).toEqual([]);
    expect(home.received).toEqual([]);
  });

  it("refuses a helper's baseUrl to another origin", async () => {
    const { home, away } = await twoOrigins();
    const axiom = createAxiomClient({ token: TOKEN, orgId: ORG, baseUrl: home.origin, retry: false });
    await expect(axiom.tokens.get("t1", { baseUrl: away.origin } as never)).rejects.toThrow(`refusing to send to ${away.origin}`);
    expect(away.received).toEqual([]);
  });

  it("refuses a request a middleware points at another origin, with every kind of Galileo credential", async () => {
    const { home, away } = await twoOrigins();
    for (const auth of [{ apiKey: KEY }, { username: "u", password: KEY }, { accessToken: KEY }]) {
      const galileo = createGalileoClient({ ...auth, baseUrl: home.origin, retry: false });
      galileo.use({ onRequest: ({ request }) => new Request(`${away.origin}/v2/token`, request) });
      await expect(galileo.GET("/v2/token")).rejects.toThrow(`refusing to send to ${away.origin}`);
    }
    expect(away.received).toEqual([]);
  });

  it("still sends to its own origin, whatever the per-call baseUrl's path", async () => {
    const { home } = await twoOrigins();
    const axiom = createAxiomClient({ token: TOKEN, orgId: ORG, baseUrl: home.origin });
    const { data } = await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t1" } }, baseUrl: `${home.origin}/` });
    expect(data).toEqual({ id: "t1" });
    expect(home.received.map((request) => [request.url, request.headers.authorization, request.headers["x-axiom-org-id"]])).toEqual([
      ["/v2/tokens/t1", `Bearer ${TOKEN}`, ORG],
    ]);
  });

  it("tells an origin that merely starts like the client's from the client's own", async () => {
    const { home } = await twoOrigins();
    const axiom = createAxiomClient({ token: TOKEN, baseUrl: "https://api.axiom.co", retry: false });
    const lookalike = "https://api.axiom.co.attacker.example";
    await expect(axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t1" } }, baseUrl: lookalike })).rejects.toThrow(`refusing to send to ${lookalike}`);
    await expect(axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t1" } }, baseUrl: "https://api.axiom.co:8443" })).rejects.toThrow(
      "refusing to send to https://api.axiom.co:8443",
    );
    expect(home.received).toEqual([]);
  });
});
