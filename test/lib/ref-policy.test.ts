import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundle, createConfig, makeDocumentFromString } from "@redocly/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfinedResolver } from "../../scripts/lib/confined-resolver.js";
import { DEFAULT_LIMITS } from "../../scripts/lib/download.js";
import { loadSpec, loadSpecFromString } from "../../scripts/lib/load-spec.js";
import { realFolder, refRefusal } from "../../scripts/lib/ref-policy.js";
import { SpecError } from "../../scripts/lib/spec-error.js";
import { localServer, spec, type LocalServer } from "../helpers/hostile.js";

// A folder of specs beside a secret: every way a $ref could reach the secret must be refused, naming the file,
// the pointer of the $ref and the ref, and the secret must appear nowhere.
const SECRET = "SECRET-OUTSIDE-THE-SPECS";
let work: string;
let specs: string;
let secret: string;
let server: LocalServer;
const noNetwork = () => Promise.reject(new Error("this test must not use the network"));

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "galaxiom-refs-"));
  specs = path.join(work, "specs");
  secret = path.join(work, "secret.yaml");
  await mkdir(path.join(specs, "schemas"), { recursive: true });
  await writeFile(secret, `type: string\ndescription: ${SECRET}\n`);
  await writeFile(path.join(specs, "schemas/ok.yaml"), "type: string\ndescription: inside\n");
  await writeFile(path.join(specs, "schemas/climbs.yaml"), "type: object\nproperties:\n  a: {$ref: '../../secret.yaml'}\n");
  await symlink(secret, path.join(specs, "link.yaml"));
  await symlink(work, path.join(specs, "up"));
  server = await localServer((_, response) => response.end(`description: ${SECRET}\n`));
});
afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const vendorFile = () => path.join(specs, "vendor.yaml");
const load = (text: string, file = vendorFile()) => loadSpecFromString(text, file, { fetch: noNetwork });

async function refusal(promise: Promise<unknown>): Promise<SpecError> {
  const error = await promise.then(
    (loaded) => {
      throw new Error(`loaded: ${JSON.stringify(loaded).slice(0, 200)}`);
    },
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).message).not.toContain(SECRET);
  return error as SpecError;
}

describe("the $ref policy, in the loader every command uses", () => {
  const hostile: Array<[string, () => string]> = [
    ["an absolute path", () => secret],
    ["a path climbing out of the folder", () => "../secret.yaml"],
    ["a file: URL", () => `file://${secret}`],
    ["an http URL", () => `${server.base}/secret.yaml`],
    ["a symlink to a file outside", () => "link.yaml"],
    ["a path through a symlinked folder", () => "up/secret.yaml"],
    ["a protocol-relative URL", () => "//evil.example/secret.yaml"],
    ["a data: URL", () => "data:application/yaml,type: string"],
  ];
  const places: Array<[string, (ref: string) => string, string]> = [
    ["a schema", (ref) => `components:\n  schemas:\n    A: {$ref: '${ref}'}\n`, "/components/schemas/A/$ref"],
    ["a description", (ref) => `components:\n  schemas:\n    A: {type: string, description: {$ref: '${ref}'}}\n`, "/components/schemas/A/description/$ref"],
    ["an example", (ref) => `components:\n  schemas:\n    A: {type: string, example: {$ref: '${ref}'}}\n`, "/components/schemas/A/example/$ref"],
    ["an x- extension", (ref) => `x-vendor:\n  deep: [{$ref: '${ref}'}]\n`, "/x-vendor/deep/0/$ref"],
    ["an example's externalValue", (ref) => `components:\n  examples:\n    E: {externalValue: '${ref}'}\n`, "/components/examples/E/externalValue"],
  ];

  describe.each(hostile)("refuses %s", (_, ref) => {
    it.each(places)("in %s, naming the file, the pointer and the ref", async (__, place, pointer) => {
      const before = server.requests.length;
      const error = await refusal(load(spec(place(ref()))));
      expect(error.file).toBe(vendorFile());
      expect(error.pointer).toBe(pointer);
      expect(error.message).toContain(`$ref "${ref()}" refused`);
      expect(server.requests.length).toBe(before);
    });
  });

  it("follows a $ref to a file inside the folder", async () => {
    const { document } = await load(spec("components:\n  schemas:\n    A: {$ref: 'schemas/ok.yaml'}\n"));
    expect(JSON.stringify(document)).toContain("inside");
  });

  it("refuses a $ref in a referenced file that climbs out, naming that file and its pointer", async () => {
    const error = await refusal(load(spec("components:\n  schemas:\n    A: {$ref: 'schemas/climbs.yaml'}\n")));
    expect(error.message).toMatch(/climbs\.yaml #\/properties\/a\/\$ref: \$ref "\.\.\/\.\.\/secret\.yaml" refused/);
  });

  it("refuses any external $ref in a document read from stdin or a URL", async () => {
    const text = spec("components:\n  schemas:\n    A: {$ref: 'schemas/ok.yaml'}\n");
    const fromStdin = await refusal(loadSpec("-", async () => text, { fetch: noNetwork }));
    expect(fromStdin.message).toMatch(/^- #\/components\/schemas\/A\/\$ref: .*standard input or a URL/);
    const fromUrl = await refusal(loadSpecFromString(text, "https://vendor.example/openapi.yaml", { fetch: noNetwork }));
    expect(fromUrl.message).toContain("https://vendor.example/openapi.yaml #/components/schemas/A/$ref");
  });

  it("keeps internal refs", async () => {
    const { document } = await load(spec("components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {type: string}\n"));
    expect(document.components?.schemas?.A).toEqual({ $ref: "#/components/schemas/B" });
  });
});

describe("origins apis.yaml allows", () => {
  it("fetches a $ref from an allowed origin", async () => {
    const { document } = await loadSpecFromString(spec(`components:\n  schemas:\n    A: {$ref: '${server.base}/a.yaml'}\n`), vendorFile(), {
      remoteOrigins: [server.base],
    });
    expect(JSON.stringify(document)).toContain(SECRET);
  });

  it("gives up on an allowed server that never answers, naming the URL", async () => {
    const silent = await localServer(() => undefined);
    try {
      const started = Date.now();
      const text = spec(`components:\n  schemas:\n    A: {$ref: '${silent.base}/never.yaml'}\n`);
      const error = await refusal(loadSpecFromString(text, vendorFile(), { remoteOrigins: [silent.base], limits: { ...DEFAULT_LIMITS, timeoutMs: 200 } }));
      expect(error.message).toContain(`no complete answer from ${silent.base}/never.yaml within 0.2 s`);
      expect(error.pointer).toBe("/components/schemas/A");
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it("refuses an allowed server's document past the size limit", async () => {
    const text = spec(`components:\n  schemas:\n    A: {$ref: '${server.base}/a.yaml'}\n`);
    const error = await refusal(loadSpecFromString(text, vendorFile(), { remoteOrigins: [server.base], limits: { ...DEFAULT_LIMITS, maxBytes: 10 } }));
    expect(error.message).toContain("larger than the limit");
  });
});

describe("the resolver Redocly reads through (defence in depth)", () => {
  it("reads nothing outside the policy even when handed a $ref directly", async () => {
    const resolver = new ConfinedResolver({ folders: [realFolder(specs)], remoteOrigins: [] }, { fetch: noNetwork, limits: DEFAULT_LIMITS });
    await expect(resolver.loadExternalRef(secret)).rejects.toThrow(/refused: it leads outside/);
    await expect(resolver.loadExternalRef(path.join(specs, "link.yaml"))).rejects.toThrow(/refused: it leads outside/);
    await expect(resolver.loadExternalRef(`${server.base}/x.yaml`)).rejects.toThrow(/remote documents are not allowed/);

    const doc = makeDocumentFromString(spec("components:\n  schemas:\n    A: {$ref: '../secret.yaml'}\n"), vendorFile());
    const result = await bundle({ doc, config: await createConfig({}), externalRefResolver: resolver });
    expect(result.problems[0]?.message).toMatch(/refused: it leads outside/);
    expect(JSON.stringify(result.bundle.parsed)).not.toContain(SECRET);
  });
});

describe("refRefusal", () => {
  const policy = () => ({ folders: [realFolder(specs)], remoteOrigins: ["https://ok.example"] });
  it.each([
    ["#/components/schemas/A", undefined],
    ["schemas/ok.yaml#/type", undefined],
    ["./schemas/../schemas/ok.yaml", undefined],
    ["https://ok.example/a.yaml", undefined],
    ["https://ok.example.evil.test/a.yaml", /not in the spec's allowRemoteRefs/],
    ["../secret.yaml", /leads outside/],
    ["/etc/passwd", /absolute paths/],
    ["file:///etc/passwd", /`file:`/],
    ["http://[not-a-host/a.yaml", /not in the spec's allowRemoteRefs/],
  ])("%s → %s", (ref, expected) => {
    const reason = refRefusal(policy(), vendorFile(), ref);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });
});
