import { describe, expect, it } from "vitest";
import { createAxiomClient, createGalileoClient, GalaxiomError, NotFoundError, RateLimitError, ServerError } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { instant, KEY } from "../helpers/galileo.js";

const TOKEN = "xaat-0123456789abcdef";
const id = { params: { path: { id: "t1" } } };

describe("throwOnError", () => {
  it("on the client: an error status throws the ApiError subclass, as a helper does", async () => {
    const axiom = createAxiomClient({ token: TOKEN, throwOnError: true, fetch: observedFetch(json(404, { message: "token not found" })) });
    const error = await axiom.GET("/v2/tokens/{id}", id).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, operation: { method: "GET", path: "/v2/tokens/{id}" }, message: "GET /v2/tokens/{id}: 404: token not found" });
  });

  it("on the client: a success resolves to { data, response }", async () => {
    const axiom = createAxiomClient({ token: TOKEN, throwOnError: true, fetch: observedFetch(json(200, { id: "t1" })) });
    const result = await axiom.request("get", "/v2/tokens/{id}", id);
    expect(result.data).toEqual({ id: "t1" });
    expect(result.response.status).toBe(200);
  });

  it("per call, on a client that does not throw", async () => {
    const galileo = createGalileoClient({ apiKey: KEY, clock: instant, fetch: observedFetch(json(503, {}), json(503, {}), json(503, {}), json(429, {})) });
    await expect(galileo.GET("/v2/token", { throwOnError: true })).rejects.toBeInstanceOf(ServerError);
    await expect(galileo.GET("/v2/token", { throwOnError: true, retry: false })).rejects.toBeInstanceOf(RateLimitError);
  });

  it("per call `throwOnError: false` gives a throwing client's call the { data, error, response } union back", async () => {
    const axiom = createAxiomClient({ token: TOKEN, throwOnError: true, fetch: observedFetch(json(404, { message: "nope" })) });
    const { data, error, response } = await axiom.GET("/v2/tokens/{id}", { ...id, throwOnError: false });
    expect([data, error, response.status]).toEqual([undefined, { message: "nope" }, 404]);
  });

  it("a success whose body is not JSON is a GalaxiomError, thrown or not", async () => {
    const body = () => new Response("<html>", { status: 200, headers: { "content-type": "text/html" } });
    const axiom = createAxiomClient({ token: TOKEN, throwOnError: true, fetch: observedFetch(body) });
    await expect(axiom.GET("/v2/tokens/{id}", id)).rejects.toThrow(GalaxiomError);
  });
});
