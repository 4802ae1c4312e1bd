// openapi-typescript by itself, as a project without galaxiom would use it: its CLI run on each vendor document that
// specs/apis.yaml names, whole (no selection, no merge, no overlay). The generate and typecheck benches compare with it.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { loadSpecsConfig } from "../scripts/generate/config.js";
import { cpuSeconds, PRINT_CPU_TIME } from "./cpu-time.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
const cli = path.join(repo, "node_modules/openapi-typescript/bin/cli.js");

export interface VendorDocument {
  /** The spec's name in apis.yaml ("axiom-v1"). */
  name: string;
  /** Absolute path of the vendored document. */
  file: string;
}

/** The documents `galaxiom generate` builds from: read from apis.yaml, so that both sides always get the same ones. */
export async function vendorDocuments(): Promise<VendorDocument[]> {
  const config = await loadSpecsConfig(path.join(repo, "specs"));
  return config.apis.flatMap((api) => api.sources.map(({ name, file }) => ({ name, file })));
}

/**
 * One run of `openapi-typescript <document> -o <out>`, in its own process, with its default options. It runs in the
 * output's folder: the CLI reads a redocly.yaml from its working directory, and no config of ours may change it.
 * Returns the seconds of CPU it took.
 */
export async function openapiTypescript(document: string, out: string): Promise<number> {
  const args = ["--import", PRINT_CPU_TIME, cli, document, "--output", out];
  const { stderr } = await exec(process.execPath, args, { cwd: path.dirname(out), maxBuffer: 1 << 26 });
  return cpuSeconds(stderr);
}
