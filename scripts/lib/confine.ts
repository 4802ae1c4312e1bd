import path from "node:path";
import { realPath } from "./ref-policy.js";

/** Whether `target` is `folder` or inside it, symlinks resolved as far as each exists: a link can't lead out unseen. */
export function within(folder: string, target: string): boolean {
  const outer = realPath(path.resolve(folder));
  const inner = realPath(path.resolve(target));
  return inner === outer || inner.startsWith(outer + path.sep);
}

/**
 * Why `generate` may not write to `out` for the config in `specsDir`, or undefined. It replaces that folder whole, and
 * a config is a file anyone's commit may change: so `out` must be a folder of its own inside the app (the folder
 * that holds `specsDir`), and neither the app itself nor the specs folder, nor a folder holding it.
 */
export function outRefusal(specsDir: string, out: string): string | undefined {
  const app = path.dirname(path.resolve(specsDir));
  if (!within(app, out)) return `it is outside ${app}, the folder that holds ${path.basename(path.resolve(specsDir))}/`;
  if (within(out, specsDir)) return "generate replaces that folder whole, and it holds this config";
  return undefined;
}
