import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Replace the folder `target` with exactly `files` (name → content), or leave it as it was: the new folder
 * is written beside it first and swapped in by rename, so no reader ever sees a half-written folder.
 */
export async function replaceDir(target: string, files: Map<string, string>): Promise<void> {
  const parent = path.dirname(path.resolve(target));
  const base = path.basename(target);
  const staging = await mkdtemp(path.join(parent, `.${base}.new-`));
  const previous = path.join(parent, `.${base}.old-${process.pid}`);
  try {
    for (const [name, content] of files) {
      await mkdir(path.dirname(path.join(staging, name)), { recursive: true });
      await writeFile(path.join(staging, name), content);
    }
    const hadTarget = await rename(target, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadTarget) await rename(previous, target);
      throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
  }
}

/** Write `file` through a temporary sibling and a rename, so it is either the old or the new content. */
export async function replaceFile(file: string, content: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.new-${process.pid}`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Every file under `dir` (name relative to it → content); an absent folder reads as empty. */
export async function readDir(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), await readFile(full, "utf8"));
  }
  return files;
}
