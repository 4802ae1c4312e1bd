import type { Verdict } from "./types.js";

/**
 * Every kind of change `galaxiom diff` reports, with its two verdicts. This table is the policy: changing how a
 * change is judged is a one-line data change here, and docs/diff.md is rendered from it.
 * `wire`: does an app deployed against the old spec keep working against a server implementing the new one?
 * `types`: does code written against the old openapi-typescript types still compile against the new ones?
 */
export interface CatalogueEntry {
  area: Area;
  wire: Verdict;
  types: Verdict;
  meaning: string;
  example: string;
}

export type Area =
  | "operations"
  | "parameters"
  | "request body"
  | "request schemas"
  | "response schemas"
  | "responses"
  | "security"
  | "servers"
  | "components";

const B = "breaking";
const R = "risky";
const S = "safe";

function row(area: Area, wire: Verdict, types: Verdict, meaning: string, example: string): CatalogueEntry {
  return { area, wire, types, meaning, example };
}

export const catalogue = {
  "operation-added": row("operations", S, S, "A new operation.", "`POST /tokens` appears"),
  "operation-removed": row("operations", B, B, "An operation is gone (its path and method no longer exist).", "`DELETE /tokens/{id}` disappears"),
  "operation-deprecated": row("operations", S, S, "An operation is now marked `deprecated`.", "`deprecated: true` on `GET /tokens`"),
  "operation-id-changed": row("operations", S, B, "The `operationId` changed; `operations[\"…\"]` in the generated types is renamed.", "`listTokens` → `getTokens`"),
  "operation-id-removed": row("operations", S, B, "The `operationId` was removed; the generated `operations[\"…\"]` entry is gone.", "`operationId: listTokens` deleted"),
  "webhook-added": row("operations", S, S, "A new webhook (OpenAPI 3.1): the server may call the app in a new way.", "`webhooks.tokenRevoked` appears"),
  "webhook-removed": row("operations", B, B, "A webhook is gone: the app is no longer called for those events, and `webhooks[\"…\"]` in the types is gone.", "`webhooks.tokenRevoked` disappears"),
  "webhook-parameter-added": row("operations", S, S, "The server sends a new parameter (a header, mostly) with a webhook.", "`X-Signature-256` header added to `tokenRevoked`"),
  "webhook-parameter-removed": row("operations", R, B, "The server no longer documents a parameter it sent with a webhook: an app reading it may find it missing, and code reading it from the types no longer compiles.", "`X-Signature` header removed from `tokenRevoked`"),
  "webhook-request-body-added": row("operations", S, S, "The server now sends a body with a webhook request.", "`requestBody` added to `tokenRevoked`"),
  "webhook-request-body-removed": row("operations", B, B, "The server no longer sends a body with a webhook request; an app reading it breaks.", "`requestBody` removed from `tokenRevoked`"),
  "path-param-renamed": row("operations", S, B, "A path parameter was renamed; the URL is the same but the generated path key and `params.path` name change.", "`/datasets/{id}` → `/datasets/{dataset_id}`"),

  "parameter-added": row("parameters", S, S, "A new optional parameter.", "optional query `cursor` added"),
  "required-parameter-added": row("parameters", B, B, "A new required parameter: old clients don't send it.", "required header `X-Org-Id` added"),
  "parameter-removed": row("parameters", R, B, "A parameter was removed: servers usually ignore it, strict ones reject it; code passing it no longer compiles.", "query `limit` removed"),
  "parameter-became-required": row("parameters", B, B, "An optional parameter became required.", "query `org` `required: false` → `true`"),
  "parameter-became-optional": row("parameters", S, S, "A required parameter became optional.", "header `X-Org-Id` `required: true` → `false`"),
  "parameter-became-array": row("parameters", S, B, "A query parameter now takes several values (`style: form, explode: true`); one value is sent as before, but `string` becomes `string[]` in the types.", "`tag: string` → `tag: string[]`"),
  "parameter-serialisation-changed": row("parameters", B, S, "An array or object parameter is written differently (`style`, `explode`), or must percent-encode reserved characters (`allowReserved` removed).", "`explode: true` → `false`"),
  "header-parameter-case-changed": row("parameters", S, B, "A header parameter was renamed only by case: HTTP ignores it, the generated `params.header` key does not.", "`X-Trace-Id` → `x-trace-id`"),
  "parameter-location-changed": row("parameters", B, B, "A parameter moved (e.g. from query to header) under the same name.", "`org` moved from `query` to `header`"),

  "request-body-added": row("request body", S, S, "The operation now accepts an optional request body.", "optional JSON body on `POST /search`"),
  "required-request-body-added": row("request body", B, B, "The operation now requires a request body.", "`requestBody.required: true` added"),
  "request-body-removed": row("request body", R, B, "The operation no longer takes a request body.", "`requestBody` deleted from `POST /logout`"),
  "request-body-became-required": row("request body", B, B, "The request body became required.", "`requestBody.required` `false` → `true`"),
  "request-body-became-optional": row("request body", S, S, "The request body became optional.", "`requestBody.required` `true` → `false`"),
  "request-media-type-added": row("request body", S, S, "The request body accepts another media type.", "`multipart/form-data` added"),
  "request-media-type-renamed": row("request body", S, B, "A request media type is written differently (parameters, case, or a range that covers it): the server accepts what it did, but the `content[\"…\"]` key in the generated types is another.", "`image/png` → `image/*`"),
  "request-media-type-removed": row("request body", B, B, "The request body no longer accepts a media type.", "`application/x-www-form-urlencoded` removed"),

  "request-property-added": row("request schemas", S, S, "A new optional property clients may send.", "optional `description` in the body"),
  "required-request-property-added": row("request schemas", B, B, "A new required property clients must send.", "required `scopes` in the body"),
  "request-property-removed": row("request schemas", R, B, "A property clients sent is no longer described: lenient servers ignore it, strict ones reject it.", "`expires_in` dropped from the body"),
  "request-property-became-required": row("request schemas", B, B, "A property clients could omit is now required.", "`name` added to `required`"),
  "request-property-became-optional": row("request schemas", S, S, "A required property clients sent is now optional.", "`name` removed from `required`"),
  "request-property-became-read-only": row("request schemas", R, S, "A property clients sent is now `readOnly`: the server ignores or rejects it.", "`id` gets `readOnly: true`"),
  "request-read-only-property-removed": row("request schemas", S, B, "A `readOnly` property, never sent by clients, is gone; openapi-typescript kept it in the request type, so code building the body with it no longer compiles.", "`id` (`readOnly: true`) dropped"),
  "request-property-required-in-types": row("request schemas", S, B, "A property clients send is now required in the generated type, not on the wire: an optional property of a component schema got a `default` (openapi-typescript's `defaultNonNullable`), or a required `readOnly` property was added (openapi-typescript keeps it in request types); code building that type without it no longer compiles.", "`limit: {type: integer, default: 50}` added to a component"),
  "request-type-widened": row("request schemas", S, S, "A value clients send accepts more types.", "`integer` → `number`, `string` → `string | integer`"),
  "request-type-narrowed": row("request schemas", B, B, "A value clients send accepts fewer types.", "`string | integer` → `string`"),
  "request-type-narrowed-to-integer": row("request schemas", B, S, "A number clients send must now be an integer (both are `number` in TypeScript).", "`number` → `integer`"),
  "request-type-changed": row("request schemas", B, B, "A value clients send changed type.", "`string` → `integer`"),
  "request-format-changed": row("request schemas", R, S, "The `format` of a value clients send changed.", "`format: int32` → `int64`"),
  "request-became-nullable": row("request schemas", S, S, "A value clients send may now be `null`.", "`nullable: true` added"),
  "request-became-not-nullable": row("request schemas", B, B, "A value clients send may no longer be `null`.", "`type: [string, \"null\"]` → `type: string`"),
  "request-enum-value-added": row("request schemas", S, S, "A value clients send accepts another enum value.", "`role` enum gains `owner`"),
  "request-enum-value-removed": row("request schemas", B, B, "A value clients send no longer accepts an enum value.", "`role` enum loses `guest`"),
  "request-became-enum": row("request schemas", B, B, "A free value clients send is now restricted to an enum.", "`sort: string` → `enum: [asc, desc]`"),
  "request-no-longer-enum": row("request schemas", S, S, "A value clients send is no longer restricted to an enum.", "`enum: [asc, desc]` removed"),
  "request-constraint-tightened": row("request schemas", B, S, "A value clients send is more constrained (bound, length, item count, pattern or format added or tightened).", "`maxLength: 64` → `32`"),
  "request-constraint-relaxed": row("request schemas", S, S, "A value clients send is less constrained.", "`minimum: 1` removed"),
  "request-pattern-changed": row("request schemas", R, S, "The `pattern` of a value clients send changed; old values may or may not match.", "`^[a-z]+$` → `^[a-z0-9]+$`"),
  "request-default-changed": row("request schemas", R, S, "The default the server assumes when clients omit a value was added, removed or changed.", "`limit` default `50` → `20`"),
  "request-additional-properties-restricted": row("request schemas", B, R, "An object clients send no longer accepts undeclared properties.", "`additionalProperties: false` added"),
  "request-additional-properties-allowed": row("request schemas", S, S, "An object clients send now accepts undeclared properties.", "`additionalProperties: false` removed"),
  "request-variant-added": row("request schemas", S, S, "A `oneOf`/`anyOf` clients send accepts another alternative.", "`oneOf: [Card]` → `oneOf: [Card, Iban]`"),
  "request-variant-removed": row("request schemas", B, B, "A `oneOf`/`anyOf` clients send lost an alternative.", "`oneOf: [Card, Iban]` → `oneOf: [Card]`"),
  "request-one-of-ambiguous": row("request schemas", B, S, "A body clients sent now matches several `oneOf` alternatives at once, which `oneOf` rejects.", "`required: [a, b]` → `oneOf: [{required: [a]}, {required: [b]}]`"),
  "request-const-added": row("request schemas", B, B, "A value clients send must now be one `const` value (a literal type in TypeScript).", "`kind: string` → `kind: {const: card}`"),
  "request-const-changed": row("request schemas", B, B, "The one value clients must send (`const`) changed.", "`const: v1` → `const: v2`"),
  "request-const-removed": row("request schemas", S, S, "A value clients send is no longer fixed to one `const` value.", "`const: card` removed"),
  "request-prefix-items-added": row("request schemas", B, B, "An array clients send constrains another position (`prefixItems`); openapi-typescript emits a tuple.", "`prefixItems: [string]` → `[string, integer]`"),
  "request-prefix-items-removed": row("request schemas", S, R, "An array clients send constrains one position fewer (`prefixItems`); openapi-typescript's tuple gets shorter, so a literal of the old length no longer compiles (all positions removed leaves an array, which does).", "`prefixItems: [string, integer]` → `[string]`"),
  "request-contains-tightened": row("request schemas", B, S, "An array clients send must contain matching items (`contains`, `minContains`, `maxContains` added or narrowed); no effect on the types.", "`contains: {const: admin}` added"),
  "request-contains-relaxed": row("request schemas", S, S, "An array clients send is less constrained by `contains`/`minContains`/`maxContains`.", "`minContains: 2` → `1`"),
  "request-pattern-properties-tightened": row("request schemas", B, R, "An object clients send constrains properties matching a pattern (`patternProperties`; an index signature in the types).", "`patternProperties: {'^x-': {type: string}}` added"),
  "request-pattern-properties-relaxed": row("request schemas", S, S, "An object clients send no longer constrains properties matching a pattern.", "a `patternProperties` entry removed"),
  "request-property-names-tightened": row("request schemas", B, S, "The property names of an object clients send are more constrained (`propertyNames`); no effect on the types.", "`propertyNames: {pattern: '^[a-z]+$'}` added"),
  "request-property-names-relaxed": row("request schemas", S, S, "The property names of an object clients send are less constrained.", "`propertyNames` removed"),
  "request-dependent-required-tightened": row("request schemas", B, S, "An object clients send must carry more properties when another is present (`dependentRequired`); no effect on the types.", "`dependentRequired: {card: [cvc]}` added"),
  "request-dependent-required-relaxed": row("request schemas", S, S, "An object clients send needs fewer properties when another is present.", "`dependentRequired` removed"),
  "request-dependent-schemas-tightened": row("request schemas", B, S, "An object clients send is more constrained when a property is present (`dependentSchemas`); no effect on the types.", "`dependentSchemas: {card: {required: [cvc]}}` added"),
  "request-dependent-schemas-relaxed": row("request schemas", S, S, "An object clients send is less constrained when a property is present.", "`dependentSchemas` entry removed"),
  "request-conditional-tightened": row("request schemas", B, S, "A conditional (`if`/`then`/`else`) on a value clients send was added, or a branch narrowed, or the condition changed; no effect on the types.", "`if: {properties: {kind: {const: card}}}, then: {required: [number]}` added"),
  "request-conditional-relaxed": row("request schemas", S, S, "A conditional on a value clients send was removed or a branch widened.", "`then: {required: [number]}` removed"),
  "request-not-tightened": row("request schemas", B, S, "A value clients send is excluded from more (`not` added or its schema widened); no effect on the types.", "`not: {const: root}` added"),
  "request-not-relaxed": row("request schemas", S, S, "A value clients send is excluded from less (`not` removed or its schema narrowed).", "`not: {const: root}` removed"),
  "request-unevaluated-tightened": row("request schemas", B, S, "Undeclared properties or items clients send are more constrained (`unevaluatedProperties`, `unevaluatedItems`); no effect on the types.", "`unevaluatedProperties: false` added"),
  "request-unevaluated-relaxed": row("request schemas", S, S, "Undeclared properties or items clients send are less constrained.", "`unevaluatedProperties: false` removed"),
  "request-encoded-content-changed": row("request schemas", B, S, "A string clients send must hold other content (`contentMediaType` or `contentEncoding` added or changed); still a `string` in TypeScript.", "`contentEncoding: base64` → `base64url`"),
  "request-content-schema-tightened": row("request schemas", B, S, "The decoded content of a string clients send is more constrained (`contentSchema`).", "`contentSchema: {type: object, required: [id]}` added"),
  "request-content-schema-relaxed": row("request schemas", S, S, "The decoded content of a string clients send is less constrained (`contentSchema` removed or widened, `contentMediaType`/`contentEncoding` removed).", "`contentSchema` removed"),

  "response-property-added": row("response schemas", S, S, "A new property in what the server returns.", "`created_at` in the 200 body"),
  "response-property-removed": row("response schemas", R, B, "An optional property the server returned is gone.", "optional `nickname` dropped"),
  "required-response-property-removed": row("response schemas", B, B, "A required property the server returned is gone.", "required `id` dropped"),
  "response-property-became-optional": row("response schemas", B, B, "A property the server always returned may now be missing.", "`email` removed from `required`"),
  "response-property-became-required": row("response schemas", S, S, "A property the server may have omitted is now always returned.", "`email` added to `required`"),
  "response-property-became-write-only": row("response schemas", B, S, "A property the server returned is now `writeOnly`: it stops appearing in responses.", "`secret` gets `writeOnly: true`"),
  "response-write-only-property-removed": row("response schemas", S, B, "A `writeOnly` property, never returned, is gone; openapi-typescript kept it in the response type, so code reading it no longer compiles.", "`password` (`writeOnly: true`) dropped"),
  "response-property-required-in-types": row("response schemas", S, S, "An optional property the server returns gained a `default`: openapi-typescript makes it required in the types; reading it still compiles.", "`default: 50` added to `limit`"),
  "response-property-optional-in-types": row("response schemas", S, B, "An optional property the server returns lost its `default`: openapi-typescript makes it optional (`T \| undefined`) in the types.", "`default: 50` removed from `limit`"),
  "response-type-widened": row("response schemas", B, B, "A value the server returns may have more types.", "`string` → `string | integer`"),
  "response-type-widened-to-number": row("response schemas", R, S, "An integer the server returns may now have a fraction (both are `number` in TypeScript).", "`integer` → `number`"),
  "response-type-narrowed": row("response schemas", S, S, "A value the server returns has fewer possible types.", "`string | null` → `string`, `number` → `integer`"),
  "response-type-changed": row("response schemas", B, B, "A value the server returns changed type.", "`integer` → `string`"),
  "response-format-changed": row("response schemas", R, S, "The `format` of a value the server returns changed.", "`format: date` → `date-time`"),
  "response-became-nullable": row("response schemas", B, B, "A value the server returns may now be `null`.", "`anyOf: [{type: string}, {type: \"null\"}]`"),
  "response-became-not-nullable": row("response schemas", S, S, "A value the server returns is never `null` any more.", "`nullable: true` removed"),
  "response-enum-value-added": row("response schemas", R, R, "A value the server returns has a new enum value; exhaustive handling (switch, `never` checks) misses it.", "`status` enum gains `archived`"),
  "response-enum-value-removed": row("response schemas", S, R, "A value the server returns lost an enum value; comparing against it no longer compiles.", "`status` enum loses `pending`"),
  "response-became-enum": row("response schemas", S, S, "A free value the server returns is now restricted to an enum.", "`status: string` → `enum: [active, revoked]`"),
  "response-no-longer-enum": row("response schemas", R, B, "A value the server returns is no longer restricted to an enum.", "`enum: [active, revoked]` removed"),
  "response-constraint-tightened": row("response schemas", S, S, "A value the server returns is more constrained.", "`maxItems: 100` added"),
  "response-constraint-relaxed": row("response schemas", R, S, "A value the server returns is less constrained (bound, length, item count, pattern or format loosened).", "`maxLength: 32` → `64`"),
  "response-pattern-changed": row("response schemas", R, S, "The `pattern` of a value the server returns changed.", "`^tok_` → `^tk_`"),
  "response-additional-properties-restricted": row("response schemas", S, R, "An object the server returns no longer has undeclared properties; the index signature in the types is gone.", "`additionalProperties: true` → `false`"),
  "response-additional-properties-allowed": row("response schemas", R, S, "An object the server returns may carry undeclared properties.", "`additionalProperties: false` removed"),
  "response-variant-added": row("response schemas", B, B, "A `oneOf`/`anyOf` the server returns has another alternative clients don't handle.", "`oneOf: [User]` → `oneOf: [User, Bot]`"),
  "response-variant-removed": row("response schemas", S, R, "A `oneOf`/`anyOf` the server returns lost an alternative.", "`oneOf: [User, Bot]` → `oneOf: [User]`"),
  "response-const-added": row("response schemas", S, S, "A value the server returns is now always one `const` value.", "`kind: string` → `kind: {const: user}`"),
  "response-const-changed": row("response schemas", B, R, "The one value the server returns (`const`) changed; comparing against the old literal no longer compiles.", "`const: v1` → `const: v2`"),
  "response-const-removed": row("response schemas", R, B, "A value the server returns is no longer fixed to one `const` value; the literal type widens.", "`const: user` removed"),
  "response-prefix-items-added": row("response schemas", S, S, "An array the server returns constrains another position (`prefixItems`).", "`prefixItems: [string]` → `[string, integer]`"),
  "response-prefix-items-removed": row("response schemas", R, B, "An array the server returns constrains one position fewer; reading that position of the generated tuple no longer compiles.", "`prefixItems: [string, integer]` → `[string]`"),
  "response-contains-tightened": row("response schemas", S, S, "An array the server returns is more constrained by `contains`/`minContains`/`maxContains`.", "`contains` added"),
  "response-contains-relaxed": row("response schemas", R, S, "An array the server returns is less constrained by `contains`/`minContains`/`maxContains`; no effect on the types.", "`minContains: 1` removed"),
  "response-pattern-properties-tightened": row("response schemas", S, S, "An object the server returns constrains properties matching a pattern (`patternProperties`).", "`patternProperties` entry added"),
  "response-pattern-properties-relaxed": row("response schemas", R, R, "An object the server returns no longer constrains properties matching a pattern; the index signature in the types is gone.", "`patternProperties: {'^x-': …}` removed"),
  "response-property-names-tightened": row("response schemas", S, S, "The property names of an object the server returns are more constrained (`propertyNames`).", "`propertyNames` added"),
  "response-property-names-relaxed": row("response schemas", R, S, "The property names of an object the server returns are less constrained; no effect on the types.", "`propertyNames` removed"),
  "response-dependent-required-tightened": row("response schemas", S, S, "An object the server returns carries more properties when another is present (`dependentRequired`).", "`dependentRequired: {card: [cvc]}` added"),
  "response-dependent-required-relaxed": row("response schemas", R, S, "An object the server returns may lack properties it carried when another was present; no effect on the types.", "`dependentRequired` removed"),
  "response-dependent-schemas-tightened": row("response schemas", S, S, "An object the server returns is more constrained when a property is present (`dependentSchemas`).", "`dependentSchemas` entry added"),
  "response-dependent-schemas-relaxed": row("response schemas", R, S, "An object the server returns is less constrained when a property is present; no effect on the types.", "`dependentSchemas` entry removed"),
  "response-conditional-tightened": row("response schemas", S, S, "A conditional (`if`/`then`/`else`) on a value the server returns was added or a branch narrowed.", "`then: {required: [number]}` added"),
  "response-conditional-relaxed": row("response schemas", R, S, "A conditional on a value the server returns was removed, a branch widened or the condition changed; no effect on the types.", "`then: {required: [number]}` removed"),
  "response-not-tightened": row("response schemas", S, S, "A value the server returns is excluded from more (`not` added or its schema widened).", "`not: {const: root}` added"),
  "response-not-relaxed": row("response schemas", R, S, "A value the server returns is excluded from less (`not` removed or its schema narrowed); no effect on the types.", "`not: {const: root}` removed"),
  "response-unevaluated-tightened": row("response schemas", S, S, "Undeclared properties or items the server returns are more constrained (`unevaluatedProperties`, `unevaluatedItems`).", "`unevaluatedProperties: false` added"),
  "response-unevaluated-relaxed": row("response schemas", R, S, "Undeclared properties or items the server returns are less constrained; no effect on the types.", "`unevaluatedProperties: false` removed"),
  "response-encoded-content-changed": row("response schemas", B, S, "A string the server returns holds other content (`contentMediaType` or `contentEncoding` changed or removed); still a `string` in TypeScript.", "`contentEncoding: base64` → `base64url`"),
  "response-content-schema-tightened": row("response schemas", S, S, "The decoded content of a string the server returns is more constrained (`contentSchema`, or `contentMediaType`/`contentEncoding` added).", "`contentSchema` added"),
  "response-content-schema-relaxed": row("response schemas", R, S, "The decoded content of a string the server returns is less constrained (`contentSchema` removed or widened).", "`contentSchema` removed"),

  "response-success-status-added": row("responses", R, R, "A new 2xx status: clients checking for one status code miss it, and `data` in the types widens.", "`202` added next to `200`"),
  "response-success-status-removed": row("responses", B, B, "A 2xx status (and its body) is gone.", "`200` replaced by `204`"),
  "response-error-status-added": row("responses", S, S, "A new non-2xx status (or `default`) is documented.", "`429` added"),
  "response-error-status-removed": row("responses", S, R, "A non-2xx status is no longer documented; `error` in the types narrows.", "`404` removed"),
  "response-media-type-added": row("responses", S, R, "A response has another media type; the body type in the generated client becomes a union.", "`text/csv` added to `200`"),
  "response-media-type-removed": row("responses", B, R, "A response media type is gone.", "`application/xml` removed from `200`"),
  "response-media-type-renamed": row("responses", S, R, "A response media type is written differently (parameters or case): the same bodies come back, but `content[\"…\"]` in the generated types is another key.", "`application/json` → `application/json; charset=utf-8`"),
  "response-media-type-generalized": row("responses", B, R, "A response media type was replaced by a wider range, so other subtypes may come back.", "`application/json` → `application/*`"),
  "response-header-removed": row("responses", R, B, "An optional response header is no longer documented; reading it from the types gives the `unknown` of the headers' index signature instead of `T | undefined`.", "`X-Request-Id` removed"),
  "required-response-header-removed": row("responses", B, B, "A required response header is gone; in the types it falls back to the `unknown` of the headers' index signature, so code using it as a `string` no longer compiles.", "required `Location` removed from `201`"),
  "response-header-case-changed": row("responses", S, B, "A response header was renamed only by case: HTTP ignores it, the generated `headers` key does not (the old one reads as `unknown`).", "`X-Rate` → `x-rate`"),
  "response-header-became-optional": row("responses", B, B, "A response header the server always sent may now be missing; in the types it becomes `T | undefined`.", "`ETag` `required: true` → `false`"),

  "security-scheme-added": row("security", S, S, "A new security scheme under `components.securitySchemes`.", "`oauth2` scheme added"),
  "security-scheme-removed": row("security", R, S, "A security scheme is gone; clients configured for it must switch.", "`ApiKeyHeader` scheme removed"),
  "security-scheme-changed": row("security", B, S, "A security scheme changed how credentials are sent (type, header name, HTTP scheme, OAuth URLs).", "API key header `X-Key` → `X-Api-Key`"),
  "security-requirement-added": row("security", B, S, "An operation now requires credentials it didn't (auth added, or a scheme added to a requirement).", "`security: []` → `security: [{bearer: []}]`"),
  "security-requirement-removed": row("security", S, S, "An operation needs fewer credentials (auth dropped, or a scheme dropped from a requirement).", "`[{key: [], org: []}]` → `[{key: []}]`"),
  "security-alternative-added": row("security", S, S, "An operation accepts another way to authenticate.", "`[{key: []}]` → `[{key: []}, {bearer: []}]`"),
  "security-alternative-removed": row("security", B, S, "An operation no longer accepts a way to authenticate.", "`[{key: []}, {bearer: []}]` → `[{bearer: []}]`"),
  "security-scope-added": row("security", B, S, "An operation requires another OAuth scope.", "`read` → `read, write`"),
  "security-scope-removed": row("security", S, S, "An operation requires one OAuth scope fewer.", "`read, write` → `read`"),

  "server-added": row("servers", S, S, "A new server URL.", "`https://eu.api.example.com` added"),
  "server-removed": row("servers", B, S, "A server URL is gone; apps configured with it must move.", "`https://api.staging.example.com` removed"),
  "server-url-changed": row("servers", B, S, "A server URL changed.", "`https://api.example.com/v1` → `https://api.example.com/v2`"),

  "component-removed": row("components", S, B, "A named component is gone; code naming `components[\"schemas\"][\"…\"]` no longer compiles.", "`components.schemas.LegacyToken` removed"),
  "component-renamed": row("components", S, B, "A component was renamed with the same role; the wire is unchanged, the generated name is not.", "`Token` → `ApiToken`"),
} as const satisfies Record<string, CatalogueEntry>;

export type ChangeId = keyof typeof catalogue;

export const changeIds = Object.keys(catalogue) as ChangeId[];
