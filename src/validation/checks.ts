// The shape of a generated `<api>.validators.ts` (see scripts/generate/emit-validators.ts), restated so that an
// app's own module, and the package's, are taken by shape alone.

/** One way a value differs from its schema: where (a JSON pointer into the checked value) and which types, never the value. */
export interface Issue {
  pointer: string;
  expected: string;
  actual: string;
}

/** Appends to `issues` each way `value` differs; `pointer` is where `value` sits. Never throws. */
export type Check = (value: unknown, pointer: string, issues: Issue[]) => void;

export interface ResponseChecks {
  /** By media type as the spec writes it; null where the schema isn't checkable. */
  content?: Record<string, Check | null>;
  /** By header name, lowercase; each gets the header's raw value, or null when absent. */
  headers?: Record<string, Check>;
}

export interface OperationChecks {
  request?: Record<string, Check | null>;
  /** By response key as the spec writes it: "200", "4XX", "default". */
  responses: Record<string, ResponseChecks>;
}

/** A generated module's `validators`: by "METHOD /path", as the paths type has them. */
export type Validators = Record<string, OperationChecks>;
