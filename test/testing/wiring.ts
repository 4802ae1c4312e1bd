import { expect, it } from "vitest";
import { ApiError, createAxiomClient, createGalileoClient } from "../../src/index.js";
import { createFakeAxiom, createFakeGalileo, type Fake } from "../../src/testing/index.js";
import type { AxiomPaths, GalileoPaths } from "../../src/index.js";

const NOW = "2024-01-01T00:00:00Z";

/**
 * The same calls through a wiring that intercepts the runtime's fetch (MSW, nock): `install` makes the fakes
 * answer their origins, and returns how to undo it.
 */
export function wiringTests(install: (...fakes: Array<Fake<AxiomPaths> | Fake<GalileoPaths>>) => () => void): void {
  it("answers a real Axiom client's calls, and fails an unhandled one once, with the fake's message", async () => {
    const fake = createFakeAxiom().on("GET /v2/datasets/{dataset_id}", ({ params }) => ({
      status: 200,
      body: { id: params.path.dataset_id, name: "n", description: "", created: NOW, updatedAt: NOW, who: "", kind: "axiom:events:v1" as const },
    }));
    const uninstall = install(fake);
    try {
      const axiom = createAxiomClient({ token: "xaat-wired-secret", throwOnError: true, retry: { baseDelayMs: 0 } });
      expect((await axiom.GET("/v2/datasets/{dataset_id}", { params: { path: { dataset_id: "logs" } } })).data.id).toBe("logs");
      const failure = await axiom.GET("/v2/datasets").catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).status).toBe(400);
      expect((failure as ApiError).message).toContain("GET /v2/datasets: the fake has no handler for it");
      expect(fake.calls.map((call) => call.operation)).toEqual(["GET /v2/datasets/{dataset_id}", "GET /v2/datasets"]);
      expect(() => fake.verify()).toThrow("the fake saw 1 failure");
      expect(fake.callsOf("GET /v2/datasets/{dataset_id}")[0]!.request.headers.get("authorization")).toBe("Bearer xaat-wired-secret");
    } finally {
      uninstall();
    }
  });

  it("answers a Galileo client exchanging its API key for a token, and a POST body", async () => {
    const fake = createFakeGalileo({ unhandled: "sample" });
    const uninstall = install(fake);
    try {
      const galileo = createGalileoClient({ apiKey: "gk-wired-secret", tokenExchange: "v2-token", throwOnError: true });
      await galileo.POST("/v2/projects", { body: { name: "p", type: "gen_ai", create_example_templates: false } });
      expect(fake.calls.map((call) => [call.operation, call.request.headers.get("authorization")])).toEqual([
        ["GET /v2/token", null],
        ["POST /v2/projects", "Bearer fake-galileo-token"],
      ]);
      expect(fake.callsOf("POST /v2/projects")[0]!.body).toMatchObject({ name: "p" });
      fake.verify();
    } finally {
      uninstall();
    }
  });
}
