import type { ChangeId } from "../../catalogue.js";
import type { SchemaCheck, SchemaPair } from "../../schema/compare.js";
import { properties as propertiesOf, requiredNames, viewOf, type Part } from "../../schema/view.js";
import { isJson, type Json, type Side } from "../../side.js";
import type { Direction } from "../../types.js";

/**
 * Properties added, removed, made required or optional, and compared one by one. A `readOnly` property is not
 * part of a request and a `writeOnly` one not part of a response, so each direction sees only its own fields.
 */
export const properties: SchemaCheck = (pair, ctx) => {
  const [before, after] = [propertiesOf(pair.old), propertiesOf(pair.new)];
  if (before.size === 0 && after.size === 0) return;
  const [requiredBefore, requiredAfter] = [requiredNames(pair.old), requiredNames(pair.new)];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const [old, now] = [before.get(name), after.get(name)];
    const seenBefore = old !== undefined && !hidden(ctx.old, old, pair.dir);
    const seenAfter = now !== undefined && !hidden(ctx.new, now, pair.dir);
    const [wasRequired, isRequired] = [requiredBefore.has(name), requiredAfter.has(name)];
    if (old && now && seenBefore && seenAfter) {
      const typed = () =>
        typedRequiredness(pair.dir, optionalInTypes(ctx.old, pair.dir, old, wasRequired), optionalInTypes(ctx.new, pair.dir, now, isRequired));
      const change = requiredness(pair.dir, wasRequired, isRequired) ?? typed();
      if (change) report(pair, change, old, now);
      pair.recurse(old, now);
    } else if (seenBefore) {
      const hiddenNow = pair.dir === "request" ? "request-property-became-read-only" : "response-property-became-write-only";
      report(pair, now ? hiddenNow : removal(pair.dir, wasRequired), old, now);
    } else if (seenAfter) {
      report(pair, addition(pair.dir, isRequired), old, now);
      if (pair.dir === "request" && !isRequired && !optionalInTypes(ctx.new, pair.dir, now, isRequired))
        report(pair, "request-property-required-in-types", old, now);
    } else if (old && !now) {
      // Never on the wire in this direction, but openapi-typescript kept it in the type, where code wrote or read it.
      report(pair, pair.dir === "request" ? "request-read-only-property-removed" : "response-write-only-property-removed", old, now);
    }
    // openapi-typescript keeps a readOnly property in request types (read/write markers are off by default): a required
    // one must be built there, though clients never send it.
    if (pair.dir === "request" && now && !seenAfter && isRequired && !(old && wasRequired)) {
      report(
        pair,
        "request-property-required-in-types",
        old,
        now,
        "is required and `readOnly`: clients don't send it, but openapi-typescript keeps it, required, in the generated type",
      );
    }
  }
};

const details = {
  "request-property-added": "new optional field",
  "required-request-property-added": "new required field; clients that don't send it are rejected",
  "request-property-removed": "removed; servers that reject unknown fields will refuse clients still sending it",
  "request-property-became-required": "is now required",
  "request-property-became-optional": "is now optional",
  "request-property-became-read-only": "is now read-only; the server ignores or rejects it in requests",
  "request-read-only-property-removed":
    "(read-only, never sent) removed; openapi-typescript kept it in the request type, where code building it with the property no longer compiles",
  "response-property-added": "new field",
  "response-property-removed": "removed (it was optional)",
  "required-response-property-removed": "removed (it was required)",
  "response-property-became-optional": "may now be missing (no longer required)",
  "response-property-became-required": "is now always present",
  "response-property-became-write-only": "is now write-only and no longer returned",
  "response-write-only-property-removed":
    "(write-only, never returned) removed; openapi-typescript kept it in the response type, where code reading it no longer compiles",
  "request-property-required-in-types": "has a `default` in a component schema, so openapi-typescript makes it required in the generated type",
  "response-property-required-in-types": "gained a `default`, so openapi-typescript makes it required in the generated type",
  "response-property-optional-in-types": "lost its `default`, so openapi-typescript makes it optional in the generated type",
} satisfies Partial<Record<ChangeId, string>>;

type PropertyChange = keyof typeof details;

function report(pair: SchemaPair, id: PropertyChange, old: Part[] | undefined, now: Part[] | undefined, detail: string = details[id]): void {
  const at = { old: old?.[0]?.pointer ?? pair.old.pointer, new: now?.[0]?.pointer ?? pair.new.pointer };
  const subject = now?.[0] ? { side: "new" as const, pointer: now[0].pointer } : { side: "old" as const, pointer: at.old };
  pair.report(id, detail, at, subject);
}

function removal(dir: Direction, required: boolean): PropertyChange {
  if (dir === "request") return "request-property-removed";
  return required ? "required-response-property-removed" : "response-property-removed";
}

function addition(dir: Direction, required: boolean): PropertyChange {
  if (dir === "response") return "response-property-added";
  return required ? "required-request-property-added" : "request-property-added";
}

function requiredness(dir: Direction, before: boolean, after: boolean): PropertyChange | undefined {
  if (before === after) return undefined;
  if (dir === "request") return after ? "request-property-became-required" : "request-property-became-optional";
  return after ? "response-property-became-required" : "response-property-became-optional";
}

/**
 * openapi-typescript's `defaultNonNullable` (on by default) emits a property with a `default` as required in
 * responses and in component schemas, whoever uses them; only inline request schemas keep it optional.
 */
function optionalInTypes(side: Side, dir: Direction, property: Part[], required: boolean): boolean {
  if (required) return false;
  const inComponent = property[0]?.pointer.startsWith("/components/schemas/") === true;
  return !(sets(side, property, (schema) => schema.default !== undefined) && (dir === "response" || inComponent));
}

/** A property whose `required` is unchanged but whose optionality in the types changed through its `default`. */
function typedRequiredness(dir: Direction, before: boolean, after: boolean): PropertyChange | undefined {
  if (before === after) return undefined;
  if (dir === "response") return after ? "response-property-optional-in-types" : "response-property-required-in-types";
  // A request property turning optional in the types compiles everywhere it was built; the default is reported by its own check.
  return after ? undefined : "request-property-required-in-types";
}

/** A property the direction never carries: readOnly in requests, writeOnly in responses. */
function hidden(side: Side, property: Part[], dir: Direction): boolean {
  const flag = dir === "request" ? "readOnly" : "writeOnly";
  return sets(side, property, (schema) => schema[flag] === true);
}

/** Some schema object that applies to the property satisfies `test`. */
function sets(side: Side, property: Part[], test: (schema: Json) => boolean): boolean {
  const [only] = property;
  if (property.length === 1 && only) {
    // The common case, a plain or $ref'd schema, is read directly; only a composed one needs the normalised view.
    const target = side.deref(only.value, only.pointer);
    if (isJson(only.value) && test(only.value)) return true;
    if (target && !("allOf" in target.value || "oneOf" in target.value || "anyOf" in target.value)) return test(target.value);
  }
  return viewOf(side, property).nodes.some((node) => test(node.value));
}
