import { describe, expect, it } from "vitest";
import { apiRoutes, findOperation } from "../../scripts/check/operations.js";
import { readRecording } from "../../scripts/check/recording.js";

const har = (entries: unknown[]) => JSON.stringify({ log: { version: "1.2", entries } });
const response = { status: 200, headers: [{ name: "Content-Type", value: "application/json" }], content: { mimeType: "application/json", text: '{"a":1}' } };

describe("reading a recording", () => {
  it("HAR: headers lowercased and repeats joined, base64 content decoded, an empty body none, mimeType for a missing Content-Type", () => {
    const [first, second, third] = readRecording(
      har([
        {
          request: { method: "get", url: "https://x.test/a?q=1" },
          response: { ...response, headers: [...response.headers, { name: "X-A", value: "1" }, { name: "x-a", value: "2" }] },
        },
        { request: { method: "GET", url: "https://x.test/b" }, response: { ...response, content: { text: btoa('{"b":2}'), encoding: "base64" } } },
        { request: { method: "DELETE", url: "https://x.test/c" }, response: { status: 204, headers: [], content: { size: 0, text: "" } } },
      ]),
      "r.har",
    );
    expect(first).toMatchObject({ at: "entries[0]", method: "GET", status: 200, body: { value: { a: 1 } } });
    expect(first!.headers.get("x-a")).toBe("1, 2");
    expect(second!.body).toEqual({ value: { b: 2 } });
    expect(third!.body).toBeUndefined();
    const [bare] = readRecording(har([{ request: { method: "GET", url: "https://x.test/a" }, response: { ...response, headers: [] } }]), "r.har");
    expect(bare!.headers.get("content-type")).toBe("application/json");
  });

  it("NDJSON: a body as JSON or as a string, parsed when JSON is its type, kept as text otherwise", () => {
    const lines = [
      { request: { method: "GET", url: "https://x.test/a" }, response: { status: 200, body: { a: 1 } } },
      {
        request: { method: "GET", url: "https://x.test/a" },
        response: { status: 200, headers: { "content-type": "application/problem+json" }, body: '{"a":2}' },
      },
      { request: { method: "GET", url: "https://x.test/a" }, response: { status: 200, headers: { "content-type": "text/plain" }, body: '{"a":3}' } },
    ];
    const exchanges = readRecording(lines.map((line) => JSON.stringify(line)).join("\n\r\n"), "r.ndjson");
    expect(exchanges.map((exchange) => [exchange.at, exchange.body?.value])).toEqual([
      ["line 1", { a: 1 }],
      ["line 3", { a: 2 }],
      ["line 5", '{"a":3}'],
    ]);
  });

  it.each([
    [har([{ request: { method: "GET" }, response }]), "r.har #/log/entries/0/request/url: must be an absolute URL"],
    [har([{ request: { method: "G T", url: "https://x.test" }, response }]), "r.har #/log/entries/0/request/method: must be an HTTP method"],
    [har([{ request: { method: "GET", url: "https://x.test" }, response: { status: 99 } }]), "r.har #/log/entries/0/response/status: must be an HTTP status"],
    [JSON.stringify({ log: {} }), "r.har #/log/entries: a HAR file needs log.entries"],
    [
      '{"request":{"method":"GET","url":"https://x.test"},"response":{"status":200,"headers":{"a":1}}}',
      "r.har:1 #/response/headers: each header needs a name and a string value",
    ],
    ["[1]", "r.har:1: must be an object with request and response"],
    ["\u001b[2J::error::x", "r.har:1: not JSON"],
  ])("bad input names the file and where: %#", (text, message) => {
    expect(() => readRecording(text, "r.har")).toThrow(message);
  });
});

describe("finding the operation", () => {
  const routes = apiRoutes("shop", {
    servers: [{ url: "https://api.shop.test/ignored-base" }],
    paths: { "/v1/items/{id}": { get: {}, parameters: [] }, "/v1/items/current": { get: {} }, "/v1/files/{name}.json": { get: {}, delete: {} } },
  });
  const find = (method: string, url: string, forced?: string) => findOperation([routes], method, new URL(url), forced)?.operation;

  it("by origin, method and path template; a literal segment beats a parameter; a parameter may be part of a segment", () => {
    expect(find("GET", "https://api.shop.test/v1/items/42")).toBe("GET /v1/items/{id}");
    expect(find("GET", "https://api.shop.test/v1/items/current")).toBe("GET /v1/items/current");
    expect(find("DELETE", "https://api.shop.test/v1/files/a%20b.json")).toBe("DELETE /v1/files/{name}.json");
    expect(find("DELETE", "https://api.shop.test/v1/items/42")).toBeUndefined();
    expect(find("GET", "https://api.shop.test/v1/items/42/more")).toBeUndefined();
    expect(find("GET", "https://elsewhere.test/v1/items/42")).toBeUndefined();
    expect(find("GET", "https://elsewhere.test/v1/items/42", "shop")).toBe("GET /v1/items/{id}");
  });
});
