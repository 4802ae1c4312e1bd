import path from "node:path";
import { realPath } from "./ref-policy.js";

/** Whether `target` is `folder` or inside it, symlinks resolved as far as each exists: a link can't lead out unseen. */
export function within(folder: string, target: string): boolean {
  const outer = realPath(path.resolve(folder));
  const inner = realPath(path.resolve(target));
  return inner === outer || inner.startsWith(outer + path.sep);
}

