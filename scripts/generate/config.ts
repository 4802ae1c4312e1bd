import { type Stats, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { outRefusal, within } from "../lib/confine.js";
import { realFolder } from "../lib/ref-policy.js";
import { shown, SpecError } from "../lib/spec-error.js";
import { CONFIG_FILE } from "../lib/specs-dir.js";

/** Which operations of a vendor document to keep. Criteria are alternatives: an operation matching any is kept. */
export type Selection = "all" | { operations: string[]; paths: string[]; tags: string[]; operationIds: string[] };

export interface SourceConfig {
  /** The name `galaxiom pull <name>` takes. */
  name: string;
  /** Absolute path of the vendored document. */
  file: string;
  url: string | undefined;
  select: Selection;
  /**
   * Origins (`https://host[:port]`) this spec's `$ref`s may fetch documents from; empty by default, when a
   * `$ref` may reach only files inside specs/ (see scripts/lib/ref-policy.ts).
   */
  allowRemoteRefs: string[];
  /** Real paths of folders outside specs/ whose files this spec's `$ref`s may also read (shared schemas); none by default. */
  allowRefsIn: string[];
  /** The base path of the spec's server (`/v1`), put in front of its paths; see generate/mount.ts. */
  pathPrefix: string | undefined;
  /** Put in front of its component names (`V1`), when two specs of one API name different schemas alike. */
  namePrefix: string | undefined;
}

export interface ApiConfig {
  name: string;
  /** Absolute path of the OpenAPI Overlay applied after the merge, if any. */
  overlay: string | undefined;
  sources: SourceConfig[];
}

export interface SpecsConfig {
  /** Absolute path of apis.yaml. */
  file: string;
  /** Absolute path of the Redocly config beside it. */
  redoclyConfig: string;
  /** Absolute path of the folder `generate` writes, when the config says (an app's does: `galaxiom init` writes it). */
  out: string | undefined;
  apis: ApiConfig[];
}

/** What `generate` and `pull` need around them, said when it is missing (the tools package runs in any folder). */
const LAYOUT =
  "in an app, run `galaxiom init` first (it writes galaxiom/apis.yaml); or run galaxiom in a folder laid out like the galaxiom " +
  "repository (https://github.com/galaxiom/galaxiom): specs/apis.yaml naming each API's vendored specs and overlay, and " +
  "specs/redocly.yaml; or pass --specs <dir>";
const SELECTION_KEYS = ["operations", "paths", "tags", "operationIds"] as const;

/**
 * Read and validate `specs/apis.yaml`; every mistake is reported with its JSON pointer. Commands call it before
 * loading the build: Redocly (its YAML parser) is imported only once the file is read, so a folder without one is
 * refused at once rather than after a second of loading modules.
 */
export async function loadSpecsConfig(specsDir: string): Promise<SpecsConfig> {
  const file = path.resolve(specsDir, CONFIG_FILE);
  const where = shown(file);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new SpecError(`no ${CONFIG_FILE} in ${path.dirname(file)}: ${LAYOUT}`, { file: where });
    throw new SpecError(`cannot read the specs config: ${error.message}`, { file: where });
  });
  const { parseYaml } = await import("@redocly/openapi-core");
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const { reason, mark } = error as { reason?: string; mark?: { line: number } };
    throw new SpecError(`not valid YAML: ${reason ?? (error as Error).message}`, { file: where, line: mark && mark.line + 1 });
  }
  const fail = (pointer: string, problem: string) => new SpecError(problem, { file: where, pointer });
  const resolve = (relative: string) => path.resolve(path.dirname(file), relative);
  // `pull` replaces the vendored files and `generate` reads them and the overlays: a config may name only its own.
  const inside = (relative: string, at: string) => {
    if (!within(path.dirname(file), resolve(relative))) throw fail(at, `"${relative}" is outside ${path.dirname(file)}: name a file inside it`);
    return resolve(relative);
  };

  const root = objectAt(raw, "", "the config", fail);
  const out = optionalString(root.out, "/out", fail);
  const refusal = out === undefined ? undefined : outRefusal(specsDir, resolve(out));
  if (refusal) throw fail("/out", `"${out}" can't be where generate writes: ${refusal}`);
  const apisRaw = objectAt(root.apis, "/apis", "`apis`", fail);
  const apis: ApiConfig[] = Object.entries(apisRaw).map(([apiName, apiRaw]) => {
    const at = `/apis/${apiName}`;
    const api = objectAt(apiRaw, at, `API "${apiName}"`, fail);
    const overlay = optionalString(api.overlay, `${at}/overlay`, fail);
    const specs = objectAt(api.specs, `${at}/specs`, `the specs of "${apiName}"`, fail);
    const sources = Object.entries(specs).map(([name, specRaw]): SourceConfig => {
      const specAt = `${at}/specs/${name}`;
      const spec = objectAt(specRaw, specAt, `spec "${name}"`, fail);
      const specFile = optionalString(spec.file, `${specAt}/file`, fail);
      if (!specFile) throw fail(`${specAt}/file`, `spec "${name}" needs a \`file\``);
      return {
        name,
        file: inside(specFile, `${specAt}/file`),
        url: optionalString(spec.url, `${specAt}/url`, fail),
        select: selection(spec.select, `${specAt}/select`, fail),
        allowRemoteRefs: origins(spec.allowRemoteRefs, `${specAt}/allowRemoteRefs`, fail),
        allowRefsIn: folders(spec.allowRefsIn, path.dirname(file), `${specAt}/allowRefsIn`, fail),
        pathPrefix: matching(spec.pathPrefix, PATH_PREFIX, `${specAt}/pathPrefix`, 'a base path such as "/v1"', fail),
        namePrefix: matching(spec.namePrefix, NAME_PREFIX, `${specAt}/namePrefix`, 'an identifier such as "V1"', fail),
      };
    });
    if (sources.length === 0) throw fail(`${at}/specs`, `API "${apiName}" lists no specs`);
    return { name: apiName, overlay: overlay && inside(overlay, `${at}/overlay`), sources };
  });
  const names = apis.flatMap((api) => api.sources.map((source) => source.name));
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw fail("/apis", `the spec name "${repeated}" is used twice; names must be unique across APIs`);
  return { file, redoclyConfig: path.resolve(specsDir, "redocly.yaml"), out: out && resolve(out), apis };
}

function selection(raw: unknown, at: string, fail: Fail): Selection {
  if (raw === "all") return "all";
  if (raw === undefined) throw fail(at, "missing `select`: list the operations to keep, or `all`");
  const object = objectAt(raw, at, "`select`", fail);
  const unknown = Object.keys(object).find((key) => !(SELECTION_KEYS as readonly string[]).includes(key));
  if (unknown) throw fail(`${at}/${unknown}`, `unknown selection "${unknown}" (expected ${SELECTION_KEYS.join(", ")})`);
  const lists = Object.fromEntries(SELECTION_KEYS.map((key) => [key, stringList(object[key], `${at}/${key}`, fail)])) as Exclude<Selection, "all">;
  for (const [index, operation] of lists.operations.entries()) {
    if (!/^[A-Z]+ \/\S*$/.test(operation)) {
      throw fail(`${at}/operations/${index}`, `"${operation}" is not of the form "GET /path"`);
    }
  }
  return lists;
}

type Fail = (pointer: string, problem: string) => SpecError;

const PATH_PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;
const NAME_PREFIX = /^[A-Za-z][A-Za-z0-9_]*$/;

function matching(raw: unknown, pattern: RegExp, at: string, what: string, fail: Fail): string | undefined {
  const value = optionalString(raw, at, fail);
  if (value !== undefined && !pattern.test(value)) throw fail(at, `"${value}" is not ${what}`);
  return value;
}

/** Whole origins only: a path prefix would suggest a confinement that relative `..` refs on the host ignore. */
function origins(raw: unknown, at: string, fail: Fail): string[] {
  return stringList(raw, at, fail).map((entry, index) => {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, "")) {
      throw fail(`${at}/${index}`, `"${entry}" is not an origin such as "https://example.com"`);
    }
    return url.origin;
  });
}

/**
 * Folders named relative to apis.yaml, as real paths: the ref policy compares real paths, so a folder given through
 * a symlink is the folder it leads to, and a symlink inside it to elsewhere still leads outside.
 */
function folders(raw: unknown, base: string, at: string, fail: Fail): string[] {
  return stringList(raw, at, fail).map((entry, index) => {
    if (path.isAbsolute(entry)) throw fail(`${at}/${index}`, `"${entry}" must be a folder relative to ${CONFIG_FILE}, not an absolute path`);
    const folder = path.resolve(base, entry);
    let stats: Stats;
    try {
      stats = statSync(folder);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read: ${(error as Error).message}`;
      throw fail(`${at}/${index}`, `"${entry}" names no folder (${folder} ${reason})`);
    }
    if (!stats.isDirectory()) throw fail(`${at}/${index}`, `"${entry}" is not a folder (${folder})`);
    return realFolder(folder);
  });
}

function objectAt(value: unknown, at: string, what: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail(at, `${what} must be a mapping`);
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, at: string, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw fail(at, "must be a non-empty string");
  return value;
}

function stringList(value: unknown, at: string, fail: Fail): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw fail(at, "must be a list of strings");
  }
  return value;
}

const DOCUMENT_CHANGING_KEYS = ["decorators", "preprocessors", "plugins"];

/**
 * Redocly decorators and preprocessors rewrite a description while it is bundled, and per-API ones would apply
 * only to some commands; either way they would change what the types say from outside the overlay. Refuse them,
 * so the overlay stays the one place a description is changed.
 */
export async function checkRedoclyConfig(file: string): Promise<void> {
  const where = shown(file);
  const { parseYaml } = await import("@redocly/openapi-core");
  const raw = parseYaml(await readFile(file, "utf8")) as { apis?: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const scopes: Array<[string, Record<string, unknown>]> = [
    ["", raw ?? {}],
    ...Object.entries(raw?.apis ?? {}).map(([name, api]): [string, Record<string, unknown>] => [`/apis/${name}`, api ?? {}]),
  ];
  for (const [at, scope] of scopes) {
    const key = DOCUMENT_CHANGING_KEYS.find((candidate) => candidate in scope);
    if (key)
      throw new SpecError(`\`${key}\` would change descriptions outside the overlay; put the change in the API's overlay`, {
        file: where,
        pointer: `${at}/${key}`,
      });
  }
}
