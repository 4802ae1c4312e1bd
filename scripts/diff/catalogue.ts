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
  "path-param-renamed": row("operations", S, B, "A path parameter was renamed; the URL is the same but the generated path key and `params.path` name change.", "`/datasets/{id}` → `/datasets/{dataset_id}`"),

  "parameter-added": row("parameters", S, S, "A new optional parameter.", "optional query `cursor` added"),
  "required-parameter-added": row("parameters", B, B, "A new required parameter: old clients don't send it.", "required header `X-Org-Id` added"),
  "parameter-removed": row("parameters", R, B, "A parameter was removed: servers usually ignore it, strict ones reject it; code passing it no longer compiles.", "query `limit` removed"),
  "parameter-became-required": row("parameters", B, B, "An optional parameter became required.", "query `org` `required: false` → `true`"),
  "parameter-became-optional": row("parameters", S, S, "A required parameter became optional.", "header `X-Org-Id` `required: true` → `false`"),
  "parameter-location-changed": row("parameters", B, B, "A parameter moved (e.g. from query to header) under the same name.", "`org` moved from `query` to `header`"),

  "request-body-added": row("request body", S, S, "The operation now accepts an optional request body.", "optional JSON body on `POST /search`"),
  "required-request-body-added": row("request body", B, B, "The operation now requires a request body.", "`requestBody.required: true` added"),
  "request-body-removed": row("request body", R, B, "The operation no longer takes a request body.", "`requestBody` deleted from `POST /logout`"),
  "request-body-became-required": row("request body", B, B, "The request body became required.", "`requestBody.required` `false` → `true`"),
  "request-body-became-optional": row("request body", S, S, "The request body became optional.", "`requestBody.required` `true` → `false`"),
  "request-media-type-added": row("request body", S, S, "The request body accepts another media type.", "`multipart/form-data` added"),
  "request-media-type-removed": row("request body", B, B, "The request body no longer accepts a media type.", "`application/x-www-form-urlencoded` removed"),

  "request-property-added": row("request schemas", S, S, "A new optional property clients may send.", "optional `description` in the body"),
  "required-request-property-added": row("request schemas", B, B, "A new required property clients must send.", "required `scopes` in the body"),
  "request-property-removed": row("request schemas", R, B, "A property clients sent is no longer described: lenient servers ignore it, strict ones reject it.", "`expires_in` dropped from the body"),
  "request-property-became-required": row("request schemas", B, B, "A property clients could omit is now required.", "`name` added to `required`"),
  "request-property-became-optional": row("request schemas", S, S, "A required property clients sent is now optional.", "`name` removed from `required`"),
  "request-property-became-read-only": row("request schemas", R, S, "A property clients sent is now `readOnly`: the server ignores or rejects it.", "`id` gets `readOnly: true`"),
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

  "response-property-added": row("response schemas", S, S, "A new property in what the server returns.", "`created_at` in the 200 body"),
  "response-property-removed": row("response schemas", R, B, "An optional property the server returned is gone.", "optional `nickname` dropped"),
  "required-response-property-removed": row("response schemas", B, B, "A required property the server returned is gone.", "required `id` dropped"),
  "response-property-became-optional": row("response schemas", B, B, "A property the server always returned may now be missing.", "`email` removed from `required`"),
  "response-property-became-required": row("response schemas", S, S, "A property the server may have omitted is now always returned.", "`email` added to `required`"),
  "response-property-became-write-only": row("response schemas", B, S, "A property the server returned is now `writeOnly`: it stops appearing in responses.", "`secret` gets `writeOnly: true`"),
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

  "response-success-status-added": row("responses", R, R, "A new 2xx status: clients checking for one status code miss it, and `data` in the types widens.", "`202` added next to `200`"),
  "response-success-status-removed": row("responses", B, B, "A 2xx status (and its body) is gone.", "`200` replaced by `204`"),
  "response-error-status-added": row("responses", S, S, "A new non-2xx status (or `default`) is documented.", "`429` added"),
  "response-error-status-removed": row("responses", S, R, "A non-2xx status is no longer documented; `error` in the types narrows.", "`404` removed"),
  "response-media-type-added": row("responses", S, R, "A response has another media type; the body type in the generated client becomes a union.", "`text/csv` added to `200`"),
  "response-media-type-removed": row("responses", B, R, "A response media type is gone.", "`application/xml` removed from `200`"),
  "response-media-type-generalized": row("responses", B, R, "A response media type was replaced by a wider range, so other subtypes may come back.", "`application/json` → `application/*`"),
  "response-header-removed": row("responses", R, S, "An optional response header is no longer documented.", "`X-Request-Id` removed"),
  "required-response-header-removed": row("responses", B, S, "A required response header is gone.", "required `Location` removed from `201`"),
  "response-header-became-optional": row("responses", B, S, "A response header the server always sent may now be missing.", "`ETag` `required: true` → `false`"),

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
