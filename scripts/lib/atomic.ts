import * as fsPromises from "node:fs/promises";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { within } from "./confine.js";

/** The file operations a replacement makes, injectable so tests can stop one at any step, as a kill would. */
export interface FileOps {
  mkdir: (dir: string, options: { recursive: true }) => Promise<unknown>;
  writeFile: (file: string, content: string) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
  rm: (target: string, options: { recursive: true; force: true }) => Promise<void>;
}

const realOps: FileOps = fsPromises;

/**
 * Replace the folder `target` with exactly `files` (name → content), or leave it as it was: the new folder
 * is written beside it first and swapped in by two renames. Between them `target` is absent; a run killed
 * there leaves the previous folder as `.<target>.old-<pid>`, which `recoverDir` (run first by every command
 * that reads `target`) puts back.
 */
export async function replaceDir(target: string, files: Map<string, string>, ops: FileOps = realOps): Promise<void> {
  const { staging, previous } = siblings(target);
  await ops.rm(staging, { recursive: true, force: true });
  for (const [name, content] of files) {
    await ops.mkdir(path.dirname(path.join(staging, name)), { recursive: true });
    await ops.writeFile(path.join(staging, name), content);
  }
  await ops.mkdir(staging, { recursive: true });
  const hadTarget = await ops.rename(target, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  try {
    await ops.rename(staging, target);
  } catch (error) {
    if (hadTarget) await ops.rename(previous, target);
    throw error;
  } finally {
    await ops.rm(staging, { recursive: true, force: true });
  }
  await ops.rm(previous, { recursive: true, force: true });
}

/**
 * Undo what a killed `replaceDir` left: if `target` is missing but its previous content is beside it, put that
 * back; remove leftover copies either way. Returns what was done, for the command to say on stderr.
 */
export async function recoverDir(target: string): Promise<string[]> {
  const parent = path.dirname(path.resolve(target));
  const prefix = `.${path.basename(target)}.`;
  const leftovers = (await readdir(parent).catch(() => [])).filter((name) => /^(old|new)-\d+$/.test(name.slice(prefix.length)) && name.startsWith(prefix));
  const said: string[] = [];
  const previous = leftovers.find((name) => name.startsWith(`${prefix}old-`));
  let restored: string | undefined;
  if (previous && !(await exists(target))) {
    await fsPromises.rename(path.join(parent, previous), target);
    restored = previous;
    said.push(`${target}/ was missing after an interrupted run; restored its previous content (from ${previous})`);
  }
  for (const name of leftovers.filter((candidate) => candidate !== restored)) {
    await fsPromises.rm(path.join(parent, name), { recursive: true, force: true });
    said.push(`removed ${name}, left by an interrupted run`);
  }
  return said;
}

function siblings(target: string): { staging: string; previous: string } {
  const parent = path.dirname(path.resolve(target));
  const base = path.basename(target);
  return { staging: path.join(parent, `.${base}.new-${process.pid}`), previous: path.join(parent, `.${base}.old-${process.pid}`) };
}

const JOURNAL_DIR = ".galaxiom-replacing";
const JOURNAL = "journal.json";

/**
 * Replace several files under `root` (absolute path → content) as one: each new content is written into a
 * staging folder under `root`, then a journal listing them is renamed into place (the commit point), then each
 * file is renamed over its target. A run killed before the commit point changed nothing; after it, the next
 * run's `recoverFiles` finishes the renames. Either way the files are all old or all new once recovered.
 */
export async function replaceFiles(root: string, files: Map<string, string>, ops: FileOps = realOps): Promise<void> {
  const staging = path.join(root, JOURNAL_DIR);
  await ops.rm(staging, { recursive: true, force: true });
  await ops.mkdir(staging, { recursive: true });
  const entries = [...files].map(([file, content], index) => ({ target: path.relative(root, file), staged: String(index), content }));
  for (const { staged, content } of entries) await ops.writeFile(path.join(staging, staged), content);
  await ops.writeFile(path.join(staging, `${JOURNAL}.new`), JSON.stringify(entries.map(({ target, staged }) => ({ target, staged }))));
  await ops.rename(path.join(staging, `${JOURNAL}.new`), path.join(staging, JOURNAL));
  await completeJournal(root, ops);
}

/** Finish (after its commit point) or discard (before it) a `replaceFiles` a killed run left; says what it did. */
export async function recoverFiles(root: string): Promise<string[]> {
  const staging = path.join(root, JOURNAL_DIR);
  if (!(await exists(staging))) return [];
  const replaced = await completeJournal(root, realOps);
  if (replaced === undefined) {
    await fsPromises.rm(staging, { recursive: true, force: true });
    return [`discarded an interrupted replacement in ${root}/ that had changed nothing`];
  }
  return [
    replaced.length > 0
      ? `completed an interrupted replacement in ${root}/: replaced ${replaced.join(", ")}`
      : `removed the journal of a completed replacement in ${root}/`,
  ];
}

/** Rename into place every file the journal lists that is still staged: those replaced, or undefined without a journal. */
async function completeJournal(root: string, ops: FileOps): Promise<string[] | undefined> {
  const staging = path.join(root, JOURNAL_DIR);
  const journal = await readFile(path.join(staging, JOURNAL), "utf8").catch(() => undefined);
  if (journal === undefined) return undefined;
  const replaced: string[] = [];
  for (const { target, staged } of JSON.parse(journal) as Array<{ target: string; staged: string }>) {
    // A journal is read from the folder, which a commit may plant one in: it renames only files inside `root`.
    if (!within(root, path.join(root, target)) || !within(staging, path.join(staging, staged))) {
      throw new Error(`${path.join(staging, JOURNAL)} names a file outside ${root}: remove ${staging}`);
    }
    if (!(await exists(path.join(staging, staged)))) continue;
    await ops.rename(path.join(staging, staged), path.join(root, target));
    replaced.push(target);
  }
  await ops.rm(staging, { recursive: true, force: true });
  return replaced;
}

async function exists(file: string): Promise<boolean> {
  return fsPromises.access(file).then(
    () => true,
    () => false,
  );
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
