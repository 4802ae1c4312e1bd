import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Workspace } from "./workspace.js";

/** One operation and one schema, clean under Redocly's `minimal` rules: builds fast and warns about nothing. */
export const TINY_SPEC = `openapi: 3.1.0
info: {title: Tiny, version: "1"}
servers: [{url: "https://tiny.example"}]
security: [{bearer: []}]
paths:
  /things/{id}:
    get:
      operationId: getThing
      summary: One thing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Thing: {type: object, required: [id], properties: {id: {type: string}}}
`;

/**
 * A specs/ folder of its own (one API, "tiny", from specs/tiny.yaml) in a fresh temporary folder, independent of
 * the repository's specs/; `spec` (YAML lines under the spec's entry in apis.yaml) adds options such as allowRefsIn.
 */
export async function tinySpecs(prefix: string, { spec = "" } = {}): Promise<Workspace> {
  const work = await mkdtemp(path.join(tmpdir(), prefix));
  const specs = path.join(work, "specs");
  await mkdir(specs);
  await writeFile(path.join(specs, "apis.yaml"), `apis:\n  tiny:\n    specs:\n      tiny:\n        file: tiny.yaml\n        select: all\n${spec}`);
  await writeFile(path.join(specs, "redocly.yaml"), "extends:\n  - minimal\n");
  await writeFile(path.join(specs, "tiny.yaml"), TINY_SPEC);
  return { work, specs, out: path.join(work, "generated") };
}
