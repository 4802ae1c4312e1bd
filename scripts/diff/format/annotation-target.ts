import { isUrl } from "../../lib/ref-policy.js";
import type { DiffReport, Pointers } from "../types.js";
import { type AnnotationTarget, annotationLevel } from "./githubactions.js";

/**
 * Where the GitHub annotations of `report` point: `file`, the after document as named on the command line (none
 * for standard input or a URL, which are no file of the repository), and a change's line in `text`, its source:
 * that of its new pointer, or for a removal of the old pointer's parent (where it was removed from). A line is
 * given only where the text holds that exact pointer: a change brought in by a `$ref` to another file gets none
 * rather than the line of some ancestor. Finding lines parses the text into a syntax tree (Redocly's, ≈0.2 s a
 * megabyte of YAML), so it is done only when there is something to annotate.
 */
export async function annotationTarget(file: string, text: string, report: DiffReport): Promise<AnnotationTarget | undefined> {
  if (file === "-" || isUrl(file)) return undefined;
  if (!report.changes.some(annotationLevel)) return { file };
  const { getLineColLocation, Source } = await import("@redocly/openapi-core");
  const source = new Source(file, text);
  const locate = (pointer: string) => {
    const { start, end } = getLineColLocation({ source, pointer: `#${pointer}`, reportOnKey: true });
    return { line: start.line, span: JSON.stringify([start, end]) };
  };
  // Redocly stops at the last key of the pointer it finds: a pointer the text holds is located apart from its parent.
  const lineOf = (pointer: string) => {
    const here = locate(pointer);
    return here.span === locate(parentOf(pointer)).span ? undefined : here.line;
  };
  const line = ({ old, new: now }: Pointers) => {
    const pointer = now ?? (old === undefined ? undefined : parentOf(old));
    return pointer === undefined ? undefined : lineOf(pointer);
  };
  return { file, line };
}

function parentOf(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf("/")));
}
