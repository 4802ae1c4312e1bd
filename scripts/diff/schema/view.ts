import { child, isJson, refOf, type Json, type Located, type Side } from "../side.js";

/** One schema object at a place in a document. `flat`: its keywords apply, its composition was already expanded. */
export interface Part {
  value: unknown;
  pointer: string;
  flat?: boolean;
}

/** A place where a value is described: the schema objects that all apply to it (an implicit `allOf`). */
export type Position = readonly Part[];

/**
 * A schema normalised for comparison: `$ref`s followed, `allOf` parts and single-alternative `anyOf`/`oneOf`
 * (the `X | null` idiom) flattened into one list of nodes, null-ness pulled out of `type`, `nullable` and
 * null alternatives. Two schemas that describe the same instances in different shapes get the same view.
 */
export interface SchemaView {
  /** Identity of the flattened schema: the pointers of its nodes. */
  key: string;
  /** The same identity as a small number, unique within one document, for memo keys. */
  id: number;
  nodes: Located[];
  /** Where the schema is: its first node. */
  pointer: string;
  /** The non-null JSON types allowed; undefined means any. */
  types: ReadonlySet<string> | undefined;
  nullable: boolean;
  /** Two or more alternatives of a `oneOf`/`anyOf`, each with the schema's own keywords folded in. */
  variants: Position[] | undefined;
  /** The variants come from a `oneOf`: an instance must match exactly one. */
  exclusive: boolean;
}

const annotationKeys = new Set(["$ref", "title", "description", "summary", "example", "examples", "externalDocs", "deprecated", "xml", "discriminator"]);
const compositionKeys = new Set(["allOf", "oneOf", "anyOf"]);
// Keywords that make openapi-typescript emit an object or an array with no `type`; the other 3.1 ones (`contains`,
// `propertyNames`, …) leave the type unknown, so they imply none here either.
const objectKeys = ["properties", "additionalProperties", "required", "minProperties", "maxProperties", "patternProperties"];
const arrayKeys = ["items", "minItems", "maxItems", "uniqueItems"];

/**
 * Views already built, per document: by position (a pointer names one place, so one content) and by flattened
 * nodes, so that every position reaching the same schema (each `$ref` to a component) shares one view and one id.
 */
const built = new WeakMap<Side, { byPosition: Map<string, SchemaView>; byNodes: Map<string, SchemaView> }>();

/** The view of the schema at `position`, built once per document and position. */
export function viewOf(side: Side, position: Position): SchemaView {
  let views = built.get(side);
  if (!views) built.set(side, (views = { byPosition: new Map(), byNodes: new Map() }));
  const key = position.length === 1 && position[0] ? partKey(position[0]) : position.map(partKey).join("|");
  let view = views.byPosition.get(key);
  if (!view) {
    const fresh = buildView(side, position, key, views.byNodes.size);
    view = views.byNodes.get(fresh.key) ?? fresh;
    views.byNodes.set(view.key, view);
    views.byPosition.set(key, view);
  }
  return view;
}

function partKey(part: Part): string {
  return part.flat ? `${part.pointer}!` : part.pointer;
}

function buildView(side: Side, position: Position, positionKey: string, id: number): SchemaView {
  const nodes: Located[] = [];
  const seen = new Set<string>();
  const keyParts: string[] = [];
  let alternatives: Part[] | undefined;
  let exclusive = false;
  let nullAlternative = false;

  const expand = (node: Located, flat: boolean) => {
    if (seen.has(node.pointer)) return; // allOf cycles describe nothing new
    seen.add(node.pointer);
    nodes.push(node);
    keyParts.push(flat ? `${node.pointer}!` : node.pointer);
    if (flat) return;
    for (const [i, part] of list(node.value.allOf).entries()) visit({ value: part, pointer: child(node.pointer, "allOf", i) });
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const parts = list(node.value[keyword]).map((value, i) => ({ value, pointer: child(node.pointer, keyword, i) }));
      const nonNull = parts.filter((part) => !isNullSchema(side.deref(part.value, part.pointer)?.value));
      if (nonNull.length < parts.length) nullAlternative = true;
      if (nonNull.length === 1 && nonNull[0]) visit(nonNull[0]);
      else if (nonNull.length > 1 && !alternatives) {
        alternatives = nonNull;
        exclusive = keyword === "oneOf";
      }
    }
  };
  const visit = (part: Part) => {
    const target = side.deref(part.value, part.pointer);
    if (target) expand(target, part.flat === true);
    // OpenAPI 3.1 lets keywords sit beside a $ref; they apply together with the target.
    if (refOf(part.value) !== undefined && isJson(part.value) && hasAssertions(part.value)) {
      expand({ value: part.value, pointer: part.pointer }, part.flat === true);
    }
  };
  position.forEach(visit);

  const own = alternatives && nodes.filter((node) => hasAssertions(node.value)).map((node) => ({ ...node, flat: true }));
  return {
    // A position whose $refs all dangle has no nodes; it is still its own place.
    key: nodes.length > 0 ? keyParts.join("|") : `?${positionKey}`,
    id,
    nodes,
    pointer: nodes[0]?.pointer ?? position[0]?.pointer ?? "",
    types: typesOf(nodes),
    nullable: nullAlternative || nullableOf(nodes),
    variants: own && alternatives?.map((alternative) => [...own, alternative]),
    exclusive,
  };
}

/** The first node that sets `keyword`, with the keyword's value. */
export function keyword(view: SchemaView, name: string): { value: unknown; pointer: string } | undefined {
  const node = view.nodes.find((n) => n.value[name] !== undefined);
  return node && { value: node.value[name], pointer: child(node.pointer, name) };
}

/** Every value of `keyword` across the nodes (each allOf part may set its own). */
export function keywordValues(view: SchemaView, name: string): unknown[] {
  const values: unknown[] = [];
  for (const node of view.nodes) if (node.value[name] !== undefined) values.push(node.value[name]);
  return values;
}

export function properties(view: SchemaView): Map<string, Part[]> {
  return entries(view, "properties");
}

/** The entries of a keyword that maps names to schemas (`properties`, `patternProperties`, …), across the nodes. */
export function entries(view: SchemaView, keyword: string): Map<string, Part[]> {
  const byName = new Map<string, Part[]>();
  for (const node of view.nodes) {
    const map = node.value[keyword];
    if (!isJson(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      const parts = byName.get(name) ?? [];
      parts.push({ value, pointer: child(node.pointer, keyword, name) });
      byName.set(name, parts);
    }
  }
  return byName;
}

export function requiredNames(view: SchemaView): Set<string> {
  return new Set(keywordValues(view, "required").flatMap((names) => (Array.isArray(names) ? names.map(String) : [])));
}

/** The schemas under `name` (e.g. `items`) across the nodes, or a `{}` at the first node when none is set. */
export function subschema(view: SchemaView, name: string): Position {
  const parts: Part[] = [];
  for (const node of view.nodes) {
    const value = node.value[name];
    if (value !== undefined && typeof value !== "boolean") parts.push({ value, pointer: child(node.pointer, name) });
  }
  return parts.length > 0 ? parts : [{ value: {}, pointer: child(view.pointer, name) }];
}

function typesOf(nodes: Located[]): Set<string> | undefined {
  let types: Set<string> | undefined;
  for (const node of nodes) {
    const declared = declaredTypes(node.value) ?? inferredTypes(node.value);
    if (!declared) continue;
    const nonNull = new Set(declared.filter((type) => type !== "null"));
    types = types ? intersect(types, nonNull) : nonNull;
  }
  return types;
}

/** Types allowed by both sets; an integer satisfies `number`, so integer ∩ number is integer. */
function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const both = new Set([...a].filter((type) => b.has(type)));
  if ((a.has("integer") && b.has("number")) || (b.has("integer") && a.has("number"))) both.add("integer");
  return both;
}

function nullableOf(nodes: Located[]): boolean {
  if (nodes.some((node) => node.value.nullable === true)) return true;
  const typed = nodes.map((node) => declaredTypes(node.value)).filter((types) => types !== undefined);
  return typed.length > 0 && typed.every((types) => types.includes("null"));
}

function declaredTypes(schema: Json): string[] | undefined {
  if (typeof schema.type === "string") return [schema.type];
  return Array.isArray(schema.type) ? schema.type.map(String) : undefined;
}

function inferredTypes(schema: Json): string[] | undefined {
  if (objectKeys.some((key) => schema[key] !== undefined)) return ["object"];
  if (arrayKeys.some((key) => schema[key] !== undefined)) return ["array"];
  return undefined;
}

function isNullSchema(schema: Json | undefined): boolean {
  if (!schema) return false;
  const types = declaredTypes(schema);
  if (types) return types.length > 0 && types.every((type) => type === "null");
  return schema.const === null || (Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null);
}

/** The schema says something about instances, beyond annotations and composition (which the view expands). */
export function hasAssertions(schema: Json): boolean {
  return Object.keys(schema).some(isAssertion);
}

/** The keyword constrains instances itself: not an annotation, and not a composition the view expands. */
export function isAssertion(key: string): boolean {
  return !annotationKeys.has(key) && !compositionKeys.has(key);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
