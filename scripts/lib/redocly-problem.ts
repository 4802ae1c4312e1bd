import path from "node:path";
import { getLineColLocation, type NormalizedProblem } from "@redocly/openapi-core";
import { shown, SpecError } from "./spec-error.js";

/** Turn a Redocly problem into a SpecError that names the file the problem is in, with pointer and line. */
export function problemToSpecError(problem: NormalizedProblem, file: string): SpecError {
  const location = problem.location[0];
  if (!location) return new SpecError(problem.message, { file });
  const inFile = location.source.absoluteRef === path.resolve(file) || location.source.absoluteRef === file ? file : shown(location.source.absoluteRef);
  const pointer = location.pointer ? location.pointer.replace(/^#/, "") : undefined;
  let line: number | undefined;
  try {
    line = getLineColLocation(location).start.line;
  } catch {
    // A location in a document built in memory has no text to find a line in; the pointer still locates it.
  }
  return new SpecError(`${problem.message} (${problem.ruleId})`, { file: inFile, pointer, line });
}
