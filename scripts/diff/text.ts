/** Inline code for messages: strings as they are unless they would read as another JSON value, anything else as JSON. */
export function code(value: unknown): string {
  const plain = typeof value === "string" && value !== "" && !/^(true|false|null|-?\d[\d.eE+-]*)$/.test(value);
  return `\`${plain ? value : JSON.stringify(value)}\``;
}

export function codes(values: readonly unknown[]): string {
  return values.map(code).join(", ");
}

/** "`a`, `b`" or "any" for an unconstrained type set. */
export function typeList(types: ReadonlySet<string> | undefined): string {
  return types ? [...types].sort().map(code).join(" | ") || "nothing" : "any type";
}
