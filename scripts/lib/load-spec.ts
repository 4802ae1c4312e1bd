import path from "node:path";
import type { Config, Document, NormalizedProblem } from "@redocly/openapi-core";
import { inspectDocument } from "./document-bounds.js";
import { DEFAULT_LIMITS, download, type DownloadLimits } from "./download.js";
import { readProcessStdin } from "./io.js";
import { readFileBounded } from "./read-bounded.js";
import { isObject } from "./json-pointer.js";
import { checkRefCycles } from "./ref-cycles.js";
import { defaultFolders, isUrl, realFolder, type RefPolicy } from "./ref-policy.js";
import { isSelfContained, parseOpenApiJson } from "./self-contained-json.js";
import { shown, SpecError } from "./spec-error.js";
import { checkSites, vetDocument } from "./vet-document.js";

/** An OpenAPI 3.x document as plain JSON data. Fields the tools read are typed; the rest pass through. */
export interface OpenAPIDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: Array<{ url: string; [key: string]: unknown }>;
  security?: Array<Record<string, string[]>>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: Array<{ name: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface LoadedSpec {
  /** The file as the caller named it (`-` for standard input, or a URL), for messages. */
  file: string;
  /** The document with every external `$ref` pulled in; internal `$ref`s are kept. */
  document: OpenAPIDocument;
  /** The document's own text as read, before bundling: where its lines are (diff's GitHub annotations). */
  text: string;
}

let noRules: Promise<Config> | undefined;

export interface LoadOptions {
  /** The folder referenced files must be inside; by default the document's own (none for stdin or a URL). */
  folder?: string;
  /** Real paths of folders referenced files may also be in (apis.yaml's allowRefsIn); none by default. */
  allowRefsIn?: readonly string[];
  /** Origins remote `$ref`s may be fetched from (apis.yaml's allowRemoteRefs); none by default. */
  remoteOrigins?: readonly string[];
  fetch?: typeof globalThis.fetch;
  /** For the document itself (its size, when it is read from a file, stdin or a URL) and those its `$ref`s fetch. */
  limits?: DownloadLimits;
}

/**
 * Read a YAML or JSON OpenAPI 3.x file (or `-` for stdin, or an http(s) URL, downloaded as `pull` downloads), no
 * larger than `options.limits` allow, and resolve its external `$ref`s.
 */
export async function loadSpec(
  file: string,
  readStdin: (maxBytes: number) => Promise<string> = readProcessStdin,
  options: LoadOptions = {},
): Promise<LoadedSpec> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const text =
    file === "-"
      ? await readStdin(limits.maxBytes)
      : isUrl(file)
        ? (await download(file, options.fetch ?? globalThis.fetch, limits)).text
        : await readFileBounded(file, limits.maxBytes);
  return loadSpecFromString(text, file, options);
}

/**
 * As `loadSpec`, for a document already in memory; `file` names it in messages and anchors relative `$ref`s.
 * Before anything walks the document recursively, it is checked for depth, alias expansion, the ref policy and
 * `$ref` cycles (vet-document.ts), and so is every document its `$ref`s lead to (confined-resolver.ts).
 */
export async function loadSpecFromString(source: string, file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const absoluteRef = isUrl(file) ? file : path.resolve(file === "-" ? "stdin.yaml" : file);
  const policy: RefPolicy = {
    folders: [...(options.folder === undefined ? defaultFolders(file) : [realFolder(options.folder)]), ...(options.allowRefsIn ?? [])],
    remoteOrigins: options.remoteOrigins ?? [],
  };
  const where = { file, base: absoluteRef, characters: source.length };
  const json = parseOpenApiJson(source);
  if (json) {
    const sites = inspectDocument(json, where);
    if (isSelfContained(json, sites)) {
      checkSites(json, sites, where, policy);
      return { file, document: json, text: source };
    }
  }
  // Redocly costs ~0.3 s to import; a self-contained JSON document (most vendor specs) never needs it.
  const { bundle, createConfig, makeDocumentFromString } = await import("@redocly/openapi-core");
  const { ConfinedResolver } = await import("./confined-resolver.js");
  // Imported here, not at the top: it imports Redocly, which `galaxiom diff --help` must not load.
  const { problemToSpecError } = await import("./redocly-problem.js");
  const config = await (noRules ??= createConfig({}));
  const externalRefResolver = new ConfinedResolver(policy, { fetch: options.fetch ?? globalThis.fetch, limits: options.limits ?? DEFAULT_LIMITS });
  let doc: Document;
  try {
    doc = makeDocumentFromString(source, absoluteRef);
  } catch (error) {
    throw toSpecError(error, file);
  }
  if (isObject(doc.parsed)) externalRefResolver.vetted.set(absoluteRef, { parsed: doc.parsed, sites: vetDocument(doc.parsed, where, policy) });
  const result = await bundle({ doc, config, externalRefResolver }).catch((error: unknown) => {
    // Redocly names no location for a cycle that runs through other files; every file it read is at hand.
    for (const base of externalRefResolver.vetted.keys()) checkRefCycles(externalRefResolver.vetted, base, base === absoluteRef ? file : shown(base));
    throw toSpecError(error, file);
  });
  const problem = result.problems.find((p: NormalizedProblem) => p.severity === "error");
  if (problem) throw problemToSpecError(problem, file);
  return { ...checked(result.bundle.parsed, file), text: source };
}

function checked(parsed: unknown, file: string): Omit<LoadedSpec, "text"> {
  if (!isObject(parsed)) throw new SpecError("not an OpenAPI document (expected a YAML or JSON object)", { file });
  if (typeof parsed.openapi !== "string" || !/^3\.[01]\./.test(parsed.openapi)) {
    const found = parsed.swagger ? `Swagger ${String(parsed.swagger)}` : JSON.stringify(parsed.openapi ?? null);
    throw new SpecError(`expected an OpenAPI 3.0 or 3.1 document, found ${found}`, { file, pointer: "/openapi" });
  }
  if (!isObject(parsed.info)) throw new SpecError("missing the required `info` object", { file, pointer: "/info" });
  return { file, document: parsed as unknown as OpenAPIDocument };
}

function toSpecError(error: unknown, file: string): SpecError {
  if (error instanceof SpecError) return error;
  const e = error as { message?: string; line?: number; originalError?: { code?: string; message?: string } };
  if (typeof e.line === "number") {
    const reason = (e.message ?? "").replace(/\s*in "[^"]*" \(\d+:\d+\)\s*$/, "");
    return new SpecError(`not valid YAML or JSON: ${reason}`, { file, line: e.line }, { cause: error });
  }
  const notObject = /^Document must be JSON object, got (\w+)/.exec(e.message ?? "");
  if (notObject) return new SpecError(`not an OpenAPI document (expected a YAML or JSON object, got ${notObject[1]})`, { file }, { cause: error });
  return new SpecError(e.originalError?.message ?? e.message ?? String(error), { file }, { cause: error });
}
