import { realpathSync } from "node:fs";
import path from "node:path";
import { type RefSite, sitePointer } from "./document-bounds.js";
import { SpecError } from "./spec-error.js";

/**
 * Where the `$ref`s of a vendor document may lead. Vendor documents are hostile input: a `$ref` that reads
 * /etc/passwd, climbs out of specs/ or fetches a URL would copy that content into generated/, a diff or a pulled
 * file. So a `$ref` may reach only files inside one folder (symlinks resolved) or the folders apis.yaml allows for
 * that spec (allowRefsIn), and remote documents only from origins it names for that spec (allowRemoteRefs). Every loader (generate, diff, pull) checks references against this
 * policy twice: walking the parsed document first, to name the pointer, and inside the resolver Redocly reads
 * through, so nothing it reads escapes either.
 */
export interface RefPolicy {
  /** Real paths of the folders referenced files must be inside; none for a document from stdin or a URL. */
  folders: readonly string[];
  /** Origins (`https://host[:port]`) remote documents may be fetched from; none unless apis.yaml allows them. */
  remoteOrigins: readonly string[];
}

const URL_PREFIX = /^https?:\/\//i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function isUrl(name: string): boolean {
  return URL_PREFIX.test(name);
}

/** The policy for a document named `file` (a path, a URL or `-`): by default, refs stay in its own folder. */
export function defaultFolders(file: string): string[] {
  return file === "-" || isUrl(file) ? [] : [realFolder(path.dirname(path.resolve(file)))];
}

/** `folder` with every symlink resolved, as the paths it is compared with are. */
export function realFolder(folder: string): string {
  return realpathSync(path.resolve(folder));
}

/** Why `ref`, in the document at `base` (an absolute path or URL), may not be followed; undefined if it may. */
export function refRefusal(policy: RefPolicy, base: string, ref: string): string | undefined {
  const uri = ref.split("#")[0]!;
  if (uri === "") return undefined;
  // Redocly would read an absolute path as it is, even from a document fetched from a URL.
  if (/^[/\\]/.test(uri)) return "absolute paths are not allowed";
  return targetRefusal(policy, resolveUri(base, uri));
}

/** The absolute path or URL the document part of a `$ref` names, as Redocly resolves it. */
export function resolveUri(base: string, uri: string): string {
  if (SCHEME.test(uri)) return uri;
  return isUrl(base) ? new URL(uri, base).href : path.resolve(path.dirname(base), uri);
}

/** Why the document at `target` (an absolute path or URL, as Redocly resolved it) may not be read. */
export function targetRefusal(policy: RefPolicy, target: string): string | undefined {
  const scheme = SCHEME.exec(target)?.[1];
  if (scheme !== undefined && !isUrl(target)) return `\`${scheme}:\` references are not allowed`;
  if (scheme !== undefined) {
    const origin = URL.canParse(target) ? new URL(target).origin : undefined;
    if (origin !== undefined && policy.remoteOrigins.includes(origin)) return undefined;
    return `remote documents are not allowed (${origin ?? target} is not in the spec's allowRemoteRefs in apis.yaml)`;
  }
  if (policy.folders.length === 0) return "a document read from standard input or a URL may not reference other documents";
  const real = realPath(target);
  const inside = policy.folders.some((folder) => real === folder || real.startsWith(folder + path.sep));
  return inside ? undefined : `it leads outside ${policy.folders.join(" and ")}`;
}

/** Throw a SpecError for the first reference in `sites` the policy refuses. */
export function checkRefs(sites: RefSite[], policy: RefPolicy, base: string, file: string): void {
  for (const site of sites) {
    const reason = refRefusal(policy, base, site.ref);
    if (reason) throw new SpecError(`$ref "${site.ref}" refused: ${reason}`, { file, pointer: sitePointer(site) });
  }
}

/** The real path of `target`, or of its nearest existing ancestor joined with the rest: a missing file reads nothing. */
export function realPath(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    const parent = path.dirname(target);
    return parent === target ? target : path.join(realPath(parent), path.basename(target));
  }
}
