import { describe, expect, it } from "vitest";
import { createAxiomClient } from "../../src/index.js";
import { createValidation, ResponseValidationError } from "../../src/validation/index.js";
import { recordingLogger } from "../helpers/logger.js";
import { useLoopback } from "../helpers/server.js";
import { validators } from "./table.js";

// Responses from a hostile server, over real HTTP on loopback: what the reports may carry is where and which types,
// never a value, never a secret, never a raw control character.
const TOKEN = "xaat-5ecret5ecret5ecret5ecret";
const loopback = useLoopback();
const validation = createValidation(validators);
const id = { params: { path: { id: "t1" } } };

async function serving(body: string, headers: Record<string, string> = {}) {
  const server = await loopback((_, response) => {
    response.writeHead(200, { "content-type": "application/json", ...headers });
    response.end(body);
  });
  const logger = recordingLogger();
  const make = (validate: "warn" | "throw") => createAxiomClient({ token: TOKEN, baseUrl: server.origin, validate, validation, logger, retry: false });
  return { make, logger };
}

/** Every string a report exposes (message, properties, log lines), as the values are, not JSON-escaped. */
function strings(value: unknown): string[] {
  if (typeof value == "string") return [value];
  if (value instanceof Error) return [value.message, ...strings({ ...value })];
  if (value !== null && typeof value == "object") return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
  return [];
}

describe("reports on a hostile response", () => {
  it("carry no token, no secret-looking name, no raw control character, no value", async () => {
    const hostile = {
      id: TOKEN,
      name: { nested: `Bearer ${TOKEN}` },
      expiresAt: 12,
      owner: {
        name: "ok",
        [TOKEN]: 1,
        "xapt-1234567890abcdefghij0987": 2,
        "\u001b[31mred\u001b[0m\n::error::forged\r\nline": 3,
        [`${"long".repeat(200)}`]: 4,
        created_at_timestamp_v2: 5,
      },
    };
    const { make, logger } = await serving(JSON.stringify(hostile));
    const error = await make("throw")
      .GET("/v2/tokens/{id}", id)
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ResponseValidationError);
    await make("warn").GET("/v2/tokens/{id}", id);
    const exposed = strings([error, logger.lines]);
    expect(exposed.filter((text) => /5ecret|xapt-1234567890|\p{Cc}/u.test(text))).toEqual([]);
    expect(logger.lines.filter((line) => line.level == "warn")).toHaveLength(1);
    const { issues } = error as ResponseValidationError;
    expect(issues.map((issue) => issue.pointer)).toEqual([
      "/name",
      "/expiresAt",
      "/owner/[REDACTED]",
      "/owner/[REDACTED]",
      "/owner/\\u001b[31mred\\u001b[0m\\u000a::error::forged\\u000d\\u000aline",
      `${`/owner/${"long".repeat(200)}`.slice(0, 100)}…`,
      // A long name with a digit or two is a name, not a credential.
      "/owner/created_at_timestamp_v2",
    ]);
    for (const issue of issues) expect(issue.pointer.length).toBeLessThanOrEqual(101);
  });

  it("a Content-Type that isn't a media type is described, not quoted", async () => {
    const { make } = await serving("{}", { "content-type": `text/html; x=${TOKEN}` });
    const error = await make("throw")
      .GET("/v2/tokens/{id}", id)
      .catch((failure: unknown) => failure);
    expect((error as Error).message).toBe("GET /v2/tokens/{id} → 200: content type text/html is not declared (declared: application/json)");
    const { make: weird } = await serving("{}", { "content-type": `${TOKEN}/::x` });
    await expect(weird("throw").GET("/v2/tokens/{id}", id)).rejects.toThrow(/content type not a media type is not declared/);
    const { make: shaped } = await serving("{}", { "content-type": "application/x5ecret5ecret5ecret5ecret" });
    await expect(shaped("throw").GET("/v2/tokens/{id}", id)).rejects.toThrow("content type application/[REDACTED] is not declared");
  });

  it("a 200,000-item list, every item wrong, gives a bounded report with its count", async () => {
    const items = Array.from({ length: 200_000 }, () => ({ id: 1 }));
    const { make } = await serving(JSON.stringify(items));
    const error = (await make("throw")
      .GET("/v2/tokens")
      .catch((failure: unknown) => failure)) as ResponseValidationError;
    expect(error.issues).toHaveLength(50);
    // Each item: `id` a number, and three properties missing.
    expect(error.total).toBe(800_000);
    expect(error.message).toBe("GET /v2/tokens → 200: /0/id: expected string, got number (and 799999 more)");
  });

  it("a deeply nested body is checked as far as the schema goes, without a crash", async () => {
    const deep = `${'{"owner":'.repeat(5000)}1${"}".repeat(5000)}`;
    const { make } = await serving(deep);
    const error = (await make("throw")
      .GET("/v2/tokens/{id}", id)
      .catch((failure: unknown) => failure)) as ResponseValidationError;
    expect(error.issues.map((issue) => issue.pointer)).toEqual(["/id", "/name", "/expiresAt", "/owner/name", "/owner/owner"]);
  });
});
