import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpecsConfig } from "../generate/config.js";
import { CONFIG_FILE } from "../lib/specs-dir.js";

/**
 * Where galaxiom's own specs config is, which `galaxiom init` starts an app's from: dist/template/ once compiled (the
 * build copies it there, and the package ships it), else the repository's specs/ (the sources, run by the tests).
 */
const CANDIDATES = ["../template/", "../../specs/"];

export async function templateFolder(): Promise<string> {
  for (const candidate of CANDIDATES) {
    const folder = fileURLToPath(new URL(candidate, import.meta.url));
    const found = await access(path.join(folder, CONFIG_FILE)).then(
      () => true,
      () => false,
    );
    if (found) return folder;
  }
  throw new Error(`galaxiom's own ${CONFIG_FILE} is missing beside the tools (${CANDIDATES.join(" or ")}): reinstall galaxiom-tools`);
}

/**
 * The template's files, name (relative to `folder`) → text: apis.yaml, redocly.yaml and the overlay of each API.
 * The vendor documents are not among them: an app pulls its own.
 */
export async function templateFiles(folder: string): Promise<Map<string, string>> {
  const config = await loadSpecsConfig(folder);
  const paths = [config.file, config.redoclyConfig, ...config.apis.flatMap((api) => (api.overlay ? [api.overlay] : []))];
  const files = new Map<string, string>();
  // Named with "/" on every system, as apis.yaml names the overlays.
  for (const file of paths) files.set(path.relative(folder, file).split(path.sep).join("/"), await readFile(file, "utf8"));
  return files;
}
