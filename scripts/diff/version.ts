import { readFileSync } from "node:fs";

/**
 * The version in galaxiom's own package.json, found by walking up from this module: it runs from `scripts/diff/`
 * in the repository and from `dist/scripts/diff/` once built, and the package.json is above both.
 */
export function ownVersion(): string {
  for (let dir = new URL(".", import.meta.url); ; dir = new URL("..", dir)) {
    const found = readPackage(new URL("package.json", dir));
    if (found?.name === "galaxiom" && typeof found.version === "string") return found.version;
    if (dir.pathname === "/") throw new Error("galaxiom's package.json was not found above scripts/diff");
  }
}

function readPackage(file: URL): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}
