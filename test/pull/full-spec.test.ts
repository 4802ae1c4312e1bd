import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseYaml } from "@redocly/openapi-core";
import { readDir } from "../../scripts/lib/atomic.js";
import { main } from "../../scripts/main.js";
import { recordingIo } from "../helpers/io.js";
import { copyOfFixtureSpecs, fixtureGenerated, fixtureSpecs } from "../helpers/workspace.js";

// A vendor's full spec is a superset of the excerpts: more operations, more schemas (some unused, some only
// referencing each other), the same definitions for what the excerpts hold. Pulling it in place of each
// excerpt, with the default selection, must regenerate the very same types. The excerpts are the fixture's
// (test/fixtures/specs), whatever vendor specs the repository's specs/ holds.
let work: string;
let specs: string;

interface Spec {
  paths: Record<string, unknown>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

async function superset(files: string[]): Promise<string> {
  const documents = await Promise.all(files.map(async (file) => parseYaml(await readFile(path.join(fixtureSpecs, file), "utf8")) as Spec));
  const full = structuredClone(documents[0]!);
  for (const document of documents.slice(1)) {
    Object.assign(full.paths, document.paths);
    Object.assign(full.components.schemas, document.components.schemas);
    Object.assign((full.components.securitySchemes ??= {}), document.components.securitySchemes ?? {});
  }
  full.paths["/v2/projects"] = {
    get: {
      operationId: "list_projects",
      responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Project" } } } } },
    },
  };
  full.components.schemas.Project = { type: "object", properties: { id: { type: "string" } } };
  full.components.schemas.OrphanA = { type: "object", properties: { b: { $ref: "#/components/schemas/OrphanB" } } };
  full.components.schemas.OrphanB = { type: "object", properties: { a: { $ref: "#/components/schemas/OrphanA" } } };
  return JSON.stringify(full, null, 2);
}

beforeAll(async () => {
  ({ work, specs } = await copyOfFixtureSpecs("galaxiom-full-"));
  await writeFile(
    path.join(work, "galileo-full.json"),
    await superset(["galileo/v2-token.yaml", "galileo/v2-users-api-keys.yaml", "galileo/v1-login-api-key.yaml"]),
  );
  await writeFile(path.join(work, "axiom-full.json"), await superset(["axiom/v2-tokens.yaml"]));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("pulling a vendor's full spec over each excerpt", () => {
  it("with the default selection, regenerates byte-identical types", async () => {
    const pulls: Array<[string, string]> = [
      ["galileo-v1", "galileo-full.json"],
      ["galileo-v2-token", "galileo-full.json"],
      ["galileo-v2-api-keys", "galileo-full.json"],
      ["axiom-v2", "axiom-full.json"],
    ];
    for (const [name, file] of pulls) {
      const io = recordingIo();
      expect(await main(["pull", name, "--specs", specs, "--from", path.join(work, file)], io), io.err()).toBe(0);
    }
    const io = recordingIo();
    expect(await main(["generate", "--specs", specs, "--out", path.join(work, "generated")], io), io.err()).toBe(0);

    const expected = await fixtureGenerated();
    const actual = await readDir(path.join(work, "generated"));
    for (const file of ["galileo.ts", "axiom.ts", "galileo.security.ts", "axiom.security.ts"]) expect(actual.get(file), file).toBe(expected.get(file));
    expect(actual.get("galileo.openapi.yaml")).not.toContain("Orphan");
  });
});
