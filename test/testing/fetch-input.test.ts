import { expect, it } from "vitest";
import { createFakeAxiom } from "../../src/testing/index.js";

const URL = "https://api.axiom.co/v2/datasets";

it("takes a Request as it is when the init changes nothing it reads, and applies an init that does", async () => {
  const fake = createFakeAxiom({ unhandled: "sample" });
  const request = new Request(URL, { headers: { authorization: "Bearer xaat-input" } });
  expect((await fake.fetch(request, { redirect: "manual", signal: new AbortController().signal })).status).toBe(200);
  expect(fake.calls[0]!.request).toBe(request);
  // The init's headers replace the Request's, as fetch's would: no credentials, the operation's 401.
  expect((await fake.fetch(new Request(URL, { headers: { authorization: "Bearer xaat-input" } }), { headers: {} })).status).toBe(401);
  // The init's method and body apply too.
  const posted = await fake.fetch(new Request(URL, { headers: { authorization: "Bearer xaat-input", "content-type": "application/json" } }), {
    method: "POST",
    body: JSON.stringify({ name: "logs", kind: "axiom:events:v1", description: "" }),
  });
  expect(posted.status).toBe(200);
  expect(fake.calls.map((call) => [call.operation, call.body])).toEqual([
    ["GET /v2/datasets", undefined],
    ["GET /v2/datasets", undefined],
    ["POST /v2/datasets", { name: "logs", kind: "axiom:events:v1", description: "" }],
  ]);
  fake.verify();
});
