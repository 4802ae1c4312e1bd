import { inspectDocument, type RefSite } from "./document-bounds.js";
import { checkRefCycles } from "./ref-cycles.js";
import { checkRefs, type RefPolicy } from "./ref-policy.js";

/**
 * Everything checked about a parsed document before any tool walks it recursively: its size and depth, where
 * its references lead, and reference cycles within it. `base` (an absolute path or URL) anchors relative
 * references. Returns the references, for checking cycles across documents.
 */
export function vetDocument(parsed: unknown, where: { file: string; base: string; characters: number }, policy: RefPolicy): RefSite[] {
  const sites = inspectDocument(parsed, where);
  checkRefs(sites, policy, where.base, where.file);
  checkRefCycles(new Map([[where.base, { parsed, sites }]]), where.base, where.file);
  return sites;
}
