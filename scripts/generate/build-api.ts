import { readFile } from "node:fs/promises";
import path from "node:path";
import { bundle, getLineColLocation, lintDocument, Source, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { ConfinedResolver } from "../lib/confined-resolver.js";
import { DEFAULT_LIMITS } from "../lib/download.js";
import { realFolder } from "../lib/ref-policy.js";
import { loadSpecFromString, type LoadedSpec, type OpenAPIDocument } from "../lib/load-spec.js";
import { problemToSpecError } from "../lib/redocly-problem.js";
import { toPointer } from "../lib/json-pointer.js";
import { shown, SpecError, unreadable } from "../lib/spec-error.js";
import type { ApiConfig, SpecsConfig } from "./config.js";
import { mergeDocuments } from "./merge.js";
import { mountDocument } from "./mount.js";
import { selectOperations } from "./select.js";

export interface BuiltApi {
  name: string;
  /** The selected, merged, overlaid and linted description the types are generated from. */
  document: OpenAPIDocument;
  /** Lint warnings; they don't stop the build. */
  warnings: Warning[];
  /** The vendor file each path and component came from, by JSON pointer. */
  origins: Map<string, string>;
}

export interface Warning {
  rule: string;
  /** One line with the file, line and JSON pointer. */
  message: string;
}

/** Documents already loaded in this run, by folder, ref policy and content: several specs may select from one large document. */
export type LoadCache = Map<string, Promise<LoadedSpec>>;

/** Vendor documents of one API → select → merge → overlay → lint. Any error is a SpecError with a location. */
export async function buildApi(api: ApiConfig, config: SpecsConfig, redocly: Config, loads: LoadCache = new Map()): Promise<BuiltApi> {
  const specsFolder = path.dirname(config.file);
  // The overlay and the linter read through the same confinement as the vendor documents.
  const externalRefResolver = new ConfinedResolver(
    { folders: [realFolder(specsFolder)], remoteOrigins: [] },
    { fetch: globalThis.fetch, limits: DEFAULT_LIMITS },
  );
  const inputs = await Promise.all(
    api.sources.map(async (source) => {
      const text = await readFile(source.file, "utf8").catch((error: unknown) => {
        throw unreadable(error, shown(source.file));
      });
      // Specs pulled from one vendor document hold the same bytes: parse and resolve them once.
      const key = [path.dirname(source.file), source.allowRemoteRefs.join(" "), source.allowRefsIn.join(" "), text].join("\0");
      const options = { folder: specsFolder, remoteOrigins: source.allowRemoteRefs, allowRefsIn: source.allowRefsIn };
      if (!loads.has(key)) loads.set(key, loadSpecFromString(text, shown(source.file), options));
      const { document } = await loads.get(key)!;
      const { document: selected, unmatched } = selectOperations(document, source.select);
      const [miss] = unmatched;
      if (miss !== undefined) {
        const pointer = toPointer("apis", api.name, "specs", source.name, "select", ...miss.split("/"));
        throw new SpecError(`matches no operation in ${shown(source.file)}`, { file: shown(config.file), pointer });
      }
      return { file: shown(source.file), document: mountDocument(selected, source, shown(source.file)) };
    }),
  );
  const { document: merged, origins } = mergeDocuments(inputs);

  // Redocly applies the overlay while bundling; it resolves the overlay's relative references from here.
  const virtualFile = path.join(path.dirname(config.file), api.name, `${api.name}.openapi.yaml`);
  const result = await bundle({
    // Problems are located in the vendor files, never in this text, so it only needs to be the same data.
    doc: { source: new Source(virtualFile, JSON.stringify(merged)), parsed: structuredClone(merged) },
    config: redocly,
    overlays: api.overlay ? [api.overlay] : [],
    externalRefResolver,
  }).catch((error: unknown) => {
    throw new SpecError((error as Error).message, { file: shown(api.overlay ?? virtualFile) });
  });
  const document = result.bundle.parsed as OpenAPIDocument;

  const problems = [...result.problems, ...(await lintDocument({ document: result.bundle, config: redocly.forAlias(api.name), externalRefResolver }))];
  const files = inputs.map((input) => input.file);
  const error = problems.find((problem) => problem.severity === "error");
  if (error) throw await locateProblem(error, virtualFile, origins, files, { withLine: true });
  // Warnings are located by file and pointer only: finding their lines would parse a large vendor file's syntax
  // tree (≈0.3 s for Galileo's), for lines nobody needs to stop the build.
  const lines = await Promise.all(
    problems.map(async (problem) => [(await locateProblem(problem, virtualFile, origins, files, { withLine: false })).message, problem.ruleId] as const),
  );
  // A problem in a shared schema is reported once per path that reaches it; one line is enough.
  const warnings = [...new Map(lines).entries()].map(([message, rule]) => ({ rule, message }));
  return { name: api.name, document, warnings, origins };
}

/**
 * Problems in the merged document are reported against the vendor file the path or component came from (with
 * the line there, when asked and the pointer exists in that file); problems in an overlay, against the overlay.
 */
async function locateProblem(
  problem: NormalizedProblem,
  virtualFile: string,
  origins: Map<string, string>,
  files: string[],
  { withLine }: { withLine: boolean },
): Promise<SpecError> {
  const location = problem.location[0];
  if (!location || location.source.absoluteRef !== virtualFile || location.pointer === undefined) {
    return problemToSpecError(problem, location ? shown(location.source.absoluteRef) : files.join(" + "));
  }
  const pointer = location.pointer.replace(/^#/, "");
  // Origins are keyed by operation (/paths/p/method) or component (/components/type/name): three segments.
  const origin = origins.get(pointer.split("/").slice(0, 4).join("/"));
  const file = origin ?? files.join(" + ");
  let line: number | undefined;
  if (origin && withLine) {
    try {
      const source = new Source(path.resolve(file), await readFile(file, "utf8"));
      line = getLineColLocation({ source, pointer: location.pointer, reportOnKey: location.reportOnKey }).start.line;
    } catch {
      // The pointer may not exist in the vendor file (the overlay added it); the pointer alone still locates it.
    }
  }
  return new SpecError(`${problem.message} (${problem.ruleId})`, { file, pointer, line });
}
