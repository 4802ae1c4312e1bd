import { fromPointer } from "../../lib/json-pointer.js";
import { child } from "../side.js";
import { code } from "../text.js";
import type { DocumentCheck } from "./document.js";

/** The component kinds openapi-typescript turns into named types (`components["schemas"]["Token"]`, …). */
const sections = ["schemas", "responses", "parameters", "requestBodies", "headers", "pathItems"] as const;

/**
 * Named components that are gone. One is renamed when the walk met its old `$ref` and a new `$ref` in the same
 * place and the new name did not exist before. Added components are not reported: a new name breaks nothing,
 * and moving an inline schema into `components` must read as no change. Runs after the operations are walked.
 */
export const components: DocumentCheck = (ctx, emit) => {
  for (const section of sections) {
    const before = ctx.old.doc.components?.[section] ?? {};
    const after = ctx.new.doc.components?.[section] ?? {};
    for (const name of Object.keys(before)) {
      if (name in after) continue;
      const old = child("/components", section, name);
      const renamedTo = ctx.renames.get(`#${old}`);
      const [, , newName] = renamedTo?.startsWith(`#/components/${section}/`) ? fromPointer(renamedTo.slice(1)) : [];
      if (newName !== undefined && !(newName in before)) {
        emit({
          id: "component-renamed",
          message: `${section} component ${code(name)} renamed to ${code(newName)}`,
          pointer: { old, new: child("/components", section, newName) },
        });
      } else {
        emit({ id: "component-removed", message: `${section} component ${code(name)} removed`, pointer: { old } });
      }
    }
  }
};
