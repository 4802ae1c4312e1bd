import type { ChangeId } from "./catalogue.js";

/** How much a change can hurt: `breaking` will, `risky` may depending on how the API is used, `safe` won't. */
export type Verdict = "breaking" | "risky" | "safe";

/** Who writes the data a schema describes: the client (`request`) or the server (`response`). */
export type Direction = "request" | "response";

/** JSON pointers (RFC 6901) into the old and the new document; one is absent when the thing exists on one side only. */
export interface Pointers {
  old?: string;
  new?: string;
}

export interface OperationLocation {
  method: string;
  /** The path as written in the new document (the old one for a removed operation). */
  path: string;
  /** The path in the old document, when it differs. */
  oldPath?: string;
}

/** A change as a check finds it; its verdicts come from the catalogue, its operation from the walk. */
export interface Finding {
  id: ChangeId;
  message: string;
  pointer: Pointers;
}

export interface Change {
  id: ChangeId;
  wire: Verdict;
  types: Verdict;
  method?: string;
  path?: string;
  oldPath?: string;
  /** Set instead of method/path when one change (inside a shared component) touches several operations. */
  operations?: OperationLocation[];
  pointer: Pointers;
  message: string;
}

export type Tally = Record<Verdict, number>;

export interface DiffReport {
  old: { title: string; version: string };
  new: { title: string; version: string };
  summary: { wire: Tally; types: Tally };
  changes: Change[];
}
