import type { components, paths } from "../generated/axiom.js";
import { requestMediaTypes } from "../generated/axiom.media-types.js";
import { pagination } from "../generated/axiom.pagination.js";
import { operationSecurity } from "../generated/axiom.security.js";
import { secretOf } from "./auth/security.js";
import type { ApiClient } from "./core/client-types.js";
import { createApiClient } from "./core/create-client.js";
import { readEnv } from "./core/env.js";
import { resolveOptions, type ClientOptions, type HelperOptions } from "./core/options.js";
import { GalaxiomError } from "./errors.js";
import { paginate, type PageParams, type PaginatorOf } from "./paginate.js";
import { sendable } from "./redact.js";

export type AxiomPaths = paths;
/** Every schema of the Axiom description, by name: `AxiomSchemas["APIToken"]`. */
export type AxiomSchemas = components["schemas"];

export interface AxiomClientOptions extends ClientOptions {
  /** An Axiom API token (`xaat-…`) or personal token (`xapt-…`). Default: the `AXIOM_TOKEN` environment variable. */
  token?: string;
  /** Your organization id, sent as `X-Axiom-Org-Id`; required with a personal token. Default: the `AXIOM_ORG_ID` environment variable. */
  orgId?: string;
  /**
   * The API origin. Default: the `AXIOM_URL` environment variable (read as Axiom's own SDKs and CLI read it),
   * else `https://api.axiom.co`. Paths carry their version: `/v1/datasets/{dataset_name}/ingest`, `/v2/datasets`.
   */
  baseUrl?: string;
}

/**
 * An Axiom client; with `Throws` (the option `throwOnError: true`), raw calls throw on an error status. Its raw
 * calls take `Paths`: the package's, or an app's own from `galaxiom generate`.
 */
export type AxiomClient<Throws extends boolean = false, Paths extends {} = AxiomPaths> = ApiClient<Paths, Throws> & {
  tokens: {
    /** `GET /v2/tokens/{id}`: an API token's name, capabilities and expiry (never its secret). */
    get(id: string, options?: HelperOptions): Promise<AxiomSchemas["APIToken"]>;
  };
};

export const AXIOM_BASE_URL = "https://api.axiom.co";
const WHERE = "createAxiomClient";

/**
 * A typed client for the Axiom API: openapi-fetch's `GET`/`POST`/… over every path, plus helpers that throw. An app
 * with its own types passes them and their table: `createAxiomClient<paths>({ security: operationSecurity })`.
 */
// The first overload lets `createAxiomClient<paths>({ throwOnError: true })` throw: a type argument given stops
// TypeScript inferring the others, so the second alone would hold `Throws` at its default, false.
export function createAxiomClient<Paths extends {} = AxiomPaths>(options: AxiomClientOptions & { throwOnError: true }): AxiomClient<true, Paths>;
export function createAxiomClient<Paths extends {} = AxiomPaths, Throws extends boolean = false>(
  options?: AxiomClientOptions & { throwOnError?: Throws },
): AxiomClient<Throws, Paths>;
export function createAxiomClient(options: AxiomClientOptions = {}): unknown {
  const token = options.token ?? readEnv("AXIOM_TOKEN");
  if (!token) throw new GalaxiomError(`${WHERE}: no token: pass \`token\` or set AXIOM_TOKEN`);
  sendable(token, `${WHERE}: the token`);
  const orgId = options.orgId ?? readEnv("AXIOM_ORG_ID");
  if (token.startsWith("xapt-") && !orgId) {
    throw new GalaxiomError(`${WHERE}: a personal token (xapt-…) needs the organization: pass \`orgId\` or set AXIOM_ORG_ID`);
  }
  const resolved = resolveOptions(options, options.baseUrl ?? readEnv("AXIOM_URL")?.replace(/\/+$/, "") ?? AXIOM_BASE_URL, [token], WHERE);
  const [client, helper] = createApiClient<AxiomPaths>(resolved, options.security ?? operationSecurity, options.mediaTypes ?? requestMediaTypes, {
    kind: "bearer",
    secret: secretOf(token),
    headers: orgId ? { "X-Axiom-Org-Id": orgId } : {},
  });
  return Object.assign(client, {
    tokens: {
      get: (id: string, call?: HelperOptions) =>
        helper<AxiomSchemas["APIToken"]>({ method: "GET", path: "/v2/tokens/{id}" }, { ...call, params: { path: { id } } }),
    },
  });
}

/** The Axiom operations whose lists come in pages: what `paginateAxiom` takes. */
export type AxiomPaginated = keyof typeof pagination;

/**
 * Every item of a paged Axiom list, fetched page by page as the loop asks for them (see `Paginator`). A function
 * rather than a client method, so that an app that never pages bundles neither it nor the table.
 */
export const paginateAxiom = <Key extends AxiomPaginated>(
  client: AxiomClient<boolean>,
  key: Key,
  ...init: PageParams<AxiomPaths, typeof pagination, Key>
): PaginatorOf<AxiomPaths, typeof pagination, Key> => paginate(client, pagination, key, ...init);
