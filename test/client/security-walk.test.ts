import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml as parse } from "@redocly/openapi-core";
import { operationSecurity as axiomSecurity } from "../../generated/axiom.security.js";
import { operationSecurity as galileoSecurity } from "../../generated/galileo.security.js";
import { createAxiomClient, createGalileoClient, type Fetch, GalaxiomError } from "../../src/index.js";
import { json, observedFetch } from "../helpers/fetch.js";

// Every operation of the published security tables, called through the real clients: what each credential
// kind puts on the wire is read from the vendored document's `security` here, independently of the build.
const repo = path.resolve(import.meta.dirname, "../..");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
type Kind = "apiKey" | "bearer" | "basic";
type Scheme = { type: string; scheme?: string; in?: string; name?: string };
interface Operation {
  security: Array<Record<string, unknown>>;
  schemes: Record<string, Scheme>;
}

/** Each vendored operation by the key an app calls it with, with its effective security and the document's schemes. */
const vendoredOperations = (api: string) => (parsed[api] ??= parseOperations(api));
const parsed: Record<string, Map<string, Operation>> = {};

function parseOperations(api: string): Map<string, Operation> {
  const config = parse(readFileSync(path.join(repo, "specs/apis.yaml"), "utf8")) as {
    apis: Record<string, { specs: Record<string, { file: string; pathPrefix?: string }> }>;
  };
  const operations = new Map<string, Operation>();
  for (const { file, pathPrefix = "" } of Object.values(config.apis[api]!.specs)) {
    const document = parse(readFileSync(path.join(repo, "specs", file), "utf8")) as {
      paths: Record<string, Record<string, { security?: Operation["security"] }>>;
      security?: Operation["security"];
      components?: { securitySchemes?: Record<string, Scheme> };
    };
    const schemes = document.components?.securitySchemes ?? {};
    for (const [key, item] of Object.entries(document.paths)) {
      for (const method of METHODS.filter((name) => item[name])) {
        operations.set(`${method.toUpperCase()} ${pathPrefix}${key.split("?")[0]}`, {
          security: item[method]!.security ?? document.security ?? [],
          schemes,
        });
      }
    }
  }
  return operations;
}

/** The header a scheme carries `kind` in, or undefined when it takes another kind. */
function headerOf({ type, scheme, in: where, name }: Scheme, kind: Kind): string | undefined {
  if (type === "apiKey") return kind === "apiKey" && where === "header" ? name : undefined;
  if (type === "oauth2" || type === "openIdConnect") return kind === "bearer" ? "Authorization" : undefined;
  return type === "http" && scheme?.toLowerCase() === kind ? "Authorization" : undefined;
}

/** The headers `kind` goes in: those of the first alternative it satisfies entirely; undefined when none. */
function expectedHeaders({ security, schemes }: Operation, kind: Kind): string[] | undefined {
  if (security.length === 0) return [];
  for (const requirement of security) {
    const headers = Object.keys(requirement).map((scheme) => headerOf(schemes[scheme]!, kind));
    if (headers.every((header) => header !== undefined)) return [...new Set(headers as string[])].map((header) => header.toLowerCase());
  }
  return undefined;
}

type Call = (url: string, init: object) => Promise<unknown>;

async function walk(table: Record<string, unknown>, operations: Map<string, Operation>, kind: Kind, credential: string, make: (fetch: Fetch) => unknown) {
  const problems: string[] = [];
  const fetch = observedFetch(() => json(200, {}));
  const client = make(fetch) as Record<string, Call>;
  for (const key of Object.keys(table)) {
    const [method, route] = key.split(" ") as [string, string];
    fetch.sent.length = 0;
    const params = { path: Object.fromEntries([...route.matchAll(/\{([^}]+)\}/g)].map((match) => [match[1], "x"])) };
    const outcome = await client[method]!(route, { params }).then(
      () => "sent",
      (error: unknown) => error,
    );
    const expected = expectedHeaders(operations.get(key)!, kind);
    const sent = fetch.sent[0]?.headers ?? {};
    const carrying = Object.entries(sent)
      .filter(([, value]) => value.includes(credential))
      .map(([name]) => name);
    if (expected === undefined) {
      if (!(outcome instanceof GalaxiomError) || fetch.sent.length > 0) problems.push(`${key}: should be refused before any I/O`);
    } else if (outcome !== "sent" || JSON.stringify(carrying.sort()) !== JSON.stringify([...expected].sort())) {
      problems.push(`${key}: expected the credential in [${expected}], got ${outcome === "sent" ? `[${carrying}]` : String(outcome)}`);
    }
  }
  return problems;
}

describe("every operation of the published security tables gets what its spec's security asks for", () => {
  it("Axiom: the bearer token on each (v1's Auth with scopes, v2's bearerAuth and OAuth2)", async () => {
    const token = "xaat-walk-0123456789";
    const problems = await walk(axiomSecurity, vendoredOperations("axiom"), "bearer", token, (fetch) =>
      createAxiomClient({ token, fetch, retry: { attempts: 1 } }),
    );
    expect(problems).toEqual([]);
  });

  it.each([
    ["apiKey", "gk-walk-0123456789", { apiKey: "gk-walk-0123456789" }],
    ["bearer", "jwt-walk-0123456789", { accessToken: "jwt-walk-0123456789" }],
    ["basic", btoa("walker:pw-0123456789"), { username: "walker", password: "pw-0123456789" }],
  ] as const)("Galileo with %s credentials: on the operations that take them, none on public ones, refused elsewhere", async (kind, credential, auth) => {
    const problems = await walk(galileoSecurity, vendoredOperations("galileo"), kind, credential, (fetch) =>
      createGalileoClient({ ...auth, fetch, retry: { attempts: 1 } }),
    );
    expect(problems).toEqual([]);
  });
});
