import { readFile } from "node:fs/promises";

/**
 * The version of the galaxiom-tools package: its package.json is beside `scripts/lib/` in the sources and two
 * folders up once compiled (scripts/dist/lib/, or dist/lib/ in the installed package).
 */
export async function toolsVersion(): Promise<string> {
  for (const candidate of ["../package.json", "../../package.json"]) {
    const text = await readFile(new URL(candidate, import.meta.url), "utf8").catch(() => undefined);
    const manifest = text === undefined ? undefined : (JSON.parse(text) as { name?: string; version?: string });
    if (manifest?.name === "galaxiom-tools" && manifest.version) return manifest.version;
  }
  return "unknown";
}
