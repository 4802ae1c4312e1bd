import type * as TS from "typescript";
import { ts } from "../lib/commonjs.js";
import { componentOfRef } from "./select.js";

/**
 * openapi-typescript emits each schema as a member of `components["schemas"]`. TypeScript resolves a member's
 * type eagerly through unions, intersections, arrays and tuples, so a schema that reaches itself only through
 * those (`JsonValue` = a primitive | JsonValue[] | …) fails with TS2502 (openapi-ts/openapi-typescript#1603).
 * Through an object's properties the reference is deferred and compiles. These are the keywords that stay
 * eager; everything under `properties`, `additionalProperties` and the like is deferred.
 */
const EAGER_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "items", "prefixItems"]);

/** The schemas that reach themselves through eager positions only: the ones TypeScript would reject. */
export function eagerlyRecursiveSchemas(schemas: Record<string, unknown>): Set<string> {
  const edges = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(schemas)) edges.set(name, eagerRefs(schema));
  const recursive = new Set<string>();
  for (const name of edges.keys()) {
    const seen = new Set<string>();
    const stack = [...(edges.get(name) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === name) {
        recursive.add(name);
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
  }
  return recursive;
}

function eagerRefs(schema: unknown): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const record = schema as Record<string, unknown>;
  const refs: string[] = [];
  const target = typeof record.$ref === "string" ? componentOfRef(record.$ref) : undefined;
  if (target?.type === "schemas") refs.push(target.name);
  for (const keyword of EAGER_KEYWORDS) {
    const value = record[keyword];
    for (const child of Array.isArray(value) ? value : [value]) refs.push(...eagerRefs(child));
  }
  return refs;
}

/**
 * Move each recursive schema's type out of `components["schemas"]` into a module-level alias (`$JsonValue`),
 * where TypeScript accepts recursion through unions, arrays and tuples; the member then names the alias, so
 * `components["schemas"]["JsonValue"]` means exactly what it meant, precisely typed. A schema that only ever
 * contains itself (`A = string | A`) still fails, as TS2456 on its alias, which the build reports.
 * Returns the alias name of each moved schema.
 */
export function hoistRecursiveSchemas(nodes: TS.Node[], recursive: Set<string>): { nodes: TS.Node[]; aliases: Map<string, string> } {
  if (recursive.size === 0) return { nodes, aliases: new Map() };
  const aliases = new Map<string, string>();
  const used = new Set<string>();
  for (const name of [...recursive].sort()) {
    let alias = `$${name.replace(/[^A-Za-z0-9_$]/g, "_")}`;
    while (used.has(alias)) alias += "_";
    used.add(alias);
    aliases.set(name, alias);
  }
  const { factory } = ts;
  const declarations: TS.TypeAliasDeclaration[] = [];

  const referTo = (context: TS.TransformationContext) => {
    const visit = (node: TS.Node): TS.Node => {
      const name = schemaReference(node);
      const alias = name === undefined ? undefined : aliases.get(name);
      return alias ? factory.createTypeReferenceNode(alias) : ts.visitEachChild(node, visit, context);
    };
    return visit;
  };
  const rewrite = <T extends TS.Node>(node: T): T => ts.transform(node, [(context) => (root) => referTo(context)(root) as T]).transformed[0]!;

  const result = nodes.map((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return node;
    const members = node.members.map((member) => {
      if (!ts.isPropertySignature(member) || propertyName(member) !== "schemas" || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
      const schemas = member.type.members.map((schema) => {
        const alias = ts.isPropertySignature(schema) && schema.type ? aliases.get(propertyName(schema) ?? "") : undefined;
        if (!alias || !ts.isPropertySignature(schema) || !schema.type) return schema;
        const exported = [factory.createModifier(ts.SyntaxKind.ExportKeyword)];
        declarations.push(factory.createTypeAliasDeclaration(exported, alias, undefined, rewrite(schema.type)));
        return factory.updatePropertySignature(schema, schema.modifiers, schema.name, schema.questionToken, factory.createTypeReferenceNode(alias));
      });
      return factory.updatePropertySignature(
        member,
        member.modifiers,
        member.name,
        member.questionToken,
        factory.updateTypeLiteralNode(member.type, factory.createNodeArray(schemas)),
      );
    });
    return factory.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  });
  const banner = ts.addSyntheticLeadingComment(
    declarations[0]!,
    ts.SyntaxKind.MultiLineCommentTrivia,
    "* Recursive schemas, declared as aliases so TypeScript accepts them (see openapi-ts/openapi-typescript#1603). ",
    true,
  );
  return { nodes: [...result, banner, ...declarations.slice(1)], aliases };
}

/** `components["schemas"]["Name"]` → "Name"; anything else → undefined. */
function schemaReference(node: TS.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const outer = node.objectType;
  const isComponents =
    ts.isTypeReferenceNode(outer.objectType) && ts.isIdentifier(outer.objectType.typeName) && outer.objectType.typeName.text === "components";
  return isComponents && literalText(outer.indexType) === "schemas" ? literalText(node.indexType) : undefined;
}

function literalText(node: TS.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

function propertyName(member: TS.PropertySignature): string | undefined {
  return ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
}
