import { describe, expect, it } from "vitest";
import { authorizer, type Credentials } from "../../src/auth/security.js";
import { GalaxiomError } from "../../src/errors.js";
import { Redactor } from "../../src/redact.js";

const table = {
  "GET /keyed": { apiKey: ["X-Key", "X-Other"], bearer: ["Authorization"] },
  "GET /public": { apiKey: [], bearer: [], basic: [] },
  "GET /query-key-only": {},
};

/** The headers one attempt of `GET path` carries, with `credentials`. */
async function headersFor(path: string, credentials: Credentials): Promise<Record<string, string>> {
  const request = new Request(`https://api.example.test${path}`);
  await authorizer(table, credentials, new Redactor(), { method: "GET", path })(request, []);
  return Object.fromEntries(request.headers);
}

describe("an operation's authorizer, from the generated table", () => {
  it("sets every header the table names for the client's kind, and the credential's own headers", async () => {
    expect(await headersFor("/keyed", { kind: "apiKey", secret: () => "key-0123456789", headers: { "x-org": "o1" } })).toEqual({
      "x-key": "key-0123456789",
      "x-other": "key-0123456789",
      "x-org": "o1",
    });
    expect(await headersFor("/keyed", { kind: "bearer", secret: async () => "tok-0123456789" })).toEqual({ authorization: "Bearer tok-0123456789" });
  });

  it("sets nothing on a public operation", async () => {
    expect(await headersFor("/public", { kind: "bearer", secret: () => "tok-0123456789", headers: { "x-org": "o1" } })).toEqual({});
  });

  it("refuses an operation the table doesn't know, saying so, before reading the secret: never a bare request", async () => {
    const secret = () => {
      throw new Error("read");
    };
    const refusal = headersFor("/elsewhere", { kind: "bearer", secret });
    await expect(refusal).rejects.toBeInstanceOf(GalaxiomError);
    await expect(refusal).rejects.toThrow(
      /^GET \/elsewhere: not in the client's security table, .*regenerate the types .*pass the client the `security` table/,
    );
  });

  it("refuses, naming the kinds it takes, an operation that takes another kind, before reading the secret", async () => {
    const secret = () => {
      throw new Error("read");
    };
    await expect(headersFor("/keyed", { kind: "basic", secret })).rejects.toThrow("GET /keyed: takes apiKey or bearer credentials, not basic");
    await expect(headersFor("/query-key-only", { kind: "apiKey", secret })).rejects.toThrow("GET /query-key-only: takes no supported credentials, not apiKey");
  });
});
