import { inspectDocument, type RefSite } from "./document-bounds.js";
import { checkRefCycles } from "./ref-cycles.js";
import { checkRefDepth } from "./ref-depth.js";
import { checkRefs, type RefPolicy } from "./ref-policy.js";

export interface Where {
  file: string;
  /** An absolute path or URL, which anchors relative references. */
  base: string;
  characters: number;
}

/**
 * Everything checked about a parsed document before any tool walks it recursively: its size and depth, where
 * its references lead, reference cycles within it and how deep following them goes. Returns the references, for checking cycles across documents.
 */
export function vetDocument(parsed: unknown, where: Where, policy: RefPolicy): RefSite[] {
  const sites = inspectDocument(parsed, where);
  checkSites(parsed, sites, where, policy);
  return sites;
}

/** vetDocument's checks after the walk, for a caller that has walked the document already. */
export function checkSites(parsed: unknown, sites: RefSite[], where: Where, policy: RefPolicy): void {
  checkRefs(sites, policy, where.base, where.file);
  checkRefCycles(new Map([[where.base, { parsed, sites }]]), where.base, where.file);
  checkRefDepth(sites, where.file);
}
