import { describe, expect, it } from "vitest";
import { createAxiomClient } from "../../src/index.js";
import { createFake, createFakeAxiom } from "../../src/testing/index.js";

const AUTH = { headers: { authorization: "Bearer xaat-unhandled" } };

/** The message an unhandled call fails with. */
async function unhandled(fake: { fetch: typeof fetch }, method: string, path: string): Promise<string> {
  const failure = await fake.fetch(`https://api.axiom.co${path}`, { ...AUTH, method }).catch((error: Error) => error);
  if (!(failure instanceof Error)) throw new Error(`${method} ${path} was answered`);
  return failure.message;
}

describe("the message of an unhandled call offers the operation's own success reply", () => {
  it("offers the 204 an operation declares, without a body, since that response has none", async () => {
    const message = await unhandled(createFakeAxiom(), "DELETE", "/v2/datasets/logs");
    expect(message).toBe(
      'DELETE /v2/datasets/{dataset_id}: the fake has no handler for it: handle it with fake.on("DELETE /v2/datasets/{dataset_id}", () => ({ status: 204 })), ' +
        'or create the fake with { unhandled: "sample" }',
    );
  });

  it("offers the 201 an operation declares, with a body", async () => {
    expect(await unhandled(createFakeAxiom(), "POST", "/v2/annotations")).toContain('fake.on("POST /v2/annotations", () => ({ status: 201, body: … }))');
  });

  it("offers a 200 with a body where the operation declares one", async () => {
    expect(await unhandled(createFakeAxiom(), "GET", "/v2/datasets")).toContain('fake.on("GET /v2/datasets", () => ({ status: 200, body: … }))');
  });

  it("offers 200 for a 2XX range, and a body when no table says the response has none", async () => {
    const ranged = createFake({ origin: "https://api.axiom.co", samples: { "GET /v2/things": { "2XX": () => ({}) } } });
    expect(await unhandled(ranged, "GET", "/v2/things")).toContain("() => ({ status: 200, body: … })");
    const bare = createFake({ origin: "https://api.axiom.co", validators: { "GET /v2/things": { responses: { "404": {} } } } });
    expect(await unhandled(bare, "GET", "/v2/things")).toContain("() => ({ status: 200, body: … })");
  });

  it("says it through a client too: the reply it offers is one the handler's types accept", async () => {
    const fake = createFakeAxiom();
    const axiom = createAxiomClient({ token: "xaat-unhandled", fetch: fake.fetch, throwOnError: true, retry: false });
    await expect(axiom.DELETE("/v2/datasets/{dataset_id}", { params: { path: { dataset_id: "logs" } } })).rejects.toThrow("() => ({ status: 204 })");
    fake.on("DELETE /v2/datasets/{dataset_id}", () => ({ status: 204 }));
    expect((await axiom.DELETE("/v2/datasets/{dataset_id}", { params: { path: { dataset_id: "logs" } } })).response.status).toBe(204);
  });
});
