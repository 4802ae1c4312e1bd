import type { components, paths } from "../generated/galileo.js";
import { requestMediaTypes } from "../generated/galileo.media-types.js";
import { pagination } from "../generated/galileo.pagination.js";
import { operationSecurity } from "../generated/galileo.security.js";
import { secretOf, type Credentials, type Secret } from "./auth/security.js";
import { tokenCache, tokenExpiry } from "./auth/token-exchange.js";
import type { ApiClient } from "./core/client-types.js";
import { createApiClient, type Helper } from "./core/create-client.js";
import { readEnv } from "./core/env.js";
import { resolveOptions, type ClientOptions, type HelperOptions } from "./core/options.js";
import { GalaxiomError } from "./errors.js";
import { paginate, type PageParams, type PaginatorOf } from "./paginate.js";
import { base64, sendable } from "./redact.js";

export type GalileoPaths = paths;
/** Every schema of the Galileo description, by name: `GalileoSchemas["CreateApiKeyResponse"]`. */
export type GalileoSchemas = components["schemas"];

/** An API key, or a function returning one (from a secret store, say), called for each request. */
export type ApiKey = string | (() => string | Promise<string>);

interface GalileoAuthFields {
  /** Your Galileo API key. Default: the `GALILEO_API_KEY` environment variable. */
  apiKey: ApiKey;
  /**
   * Exchange the API key for a bearer token, and send that: via `GET /v2/token` ("v2-token") or
   * `POST /v1/login/api_key` ("v1-login"). The token is cached until shortly before it expires and shared
   * by concurrent calls; a 401 renews it once. Default: none, the key is sent with every request.
   */
  tokenExchange: "v2-token" | "v1-login";
  /** With "v2-token": the organization the token is for, by id. */
  organizationId: string;
  /** With "v2-token": the organization the token is for, by slug. */
  organizationSlug: string;
  /** HTTP basic credentials, with `password`. */
  username: string;
  password: string;
  /** A bearer token you already have, sent as is. */
  accessToken: string;
}

/** Some of the fields, and none of the others: one way to authenticate, not a mixture. */
type Mode<Required extends keyof GalileoAuthFields, Optional extends keyof GalileoAuthFields> = Pick<GalileoAuthFields, Required> &
  Partial<Pick<GalileoAuthFields, Optional>> & { [K in Exclude<keyof GalileoAuthFields, Required | Optional>]?: never };

/** How a Galileo client authenticates: an API key (the default), exchanged or not; basic; or a bearer token. */
export type GalileoAuthOptions =
  | Mode<never, "apiKey">
  | (Mode<"tokenExchange", "apiKey" | "organizationId" | "organizationSlug"> & { tokenExchange: "v2-token" })
  | (Mode<"tokenExchange", "apiKey"> & { tokenExchange: "v1-login" })
  | Mode<"username" | "password", never>
  | Mode<"accessToken", never>;

export type GalileoClientOptions = ClientOptions &
  GalileoAuthOptions & {
    /** Default: the `GALILEO_API_URL` environment variable, else `https://api.galileo.ai`. */
    baseUrl?: string;
  };

export type GetTokenQuery = NonNullable<paths["/v2/token"]["get"]["parameters"]["query"]>;

/**
 * A Galileo client; with `Throws` (the option `throwOnError: true`), raw calls throw on an error status. Its raw
 * calls take `Paths`: the package's, or an app's own from `galaxiom generate`.
 */
export type GalileoClient<Throws extends boolean = false, Paths extends {} = GalileoPaths> = ApiClient<Paths, Throws> & {
  auth: {
    /** `GET /v2/token`: a bearer token for this client's API key, optionally scoped to an organization. */
    getToken(query?: GetTokenQuery, options?: HelperOptions): Promise<GalileoSchemas["GetTokenResponse"]>;
    /** `POST /v1/login/api_key`: log in with an API key (the client's own unless one is passed). */
    loginWithApiKey(apiKey?: string, options?: HelperOptions): Promise<GalileoSchemas["Token"]>;
  };
  apiKeys: {
    /** `POST /v2/users/api_keys`: create an API key for the current user. Not retried unless `retry: { idempotent: true }`. */
    create(body: GalileoSchemas["CreateApiKeyRequest"], options?: HelperOptions): Promise<GalileoSchemas["CreateApiKeyResponse"]>;
  };
};

export const GALILEO_BASE_URL = "https://api.galileo.ai";
const GET_TOKEN = { method: "GET", path: "/v2/token" };
const LOGIN = { method: "POST", path: "/v1/login/api_key" };
const WHERE = "createGalileoClient";

/**
 * A typed client for the Galileo API: openapi-fetch's `GET`/`POST`/… over every path, plus helpers that throw. An app
 * with its own types passes them and their table: `createGalileoClient<paths>({ security: operationSecurity })`.
 */
// The first overload lets `createGalileoClient<paths>({ throwOnError: true })` throw: a type argument given stops
// TypeScript inferring the others, so the second alone would hold `Throws` at its default, false.
export function createGalileoClient<Paths extends {} = GalileoPaths>(options: GalileoClientOptions & { throwOnError: true }): GalileoClient<true, Paths>;
export function createGalileoClient<Paths extends {} = GalileoPaths, Throws extends boolean = false>(
  options?: GalileoClientOptions & { throwOnError?: Throws },
): GalileoClient<Throws, Paths>;
export function createGalileoClient(options: GalileoClientOptions = {}): unknown {
  const { username, password = "", accessToken, tokenExchange, organizationId: organization_id, organizationSlug: organization_slug } = options;
  const apiKey = options.apiKey ?? ((username ?? accessToken) ? undefined : readEnv("GALILEO_API_KEY"));
  if (!apiKey && !username && !accessToken) {
    throw new GalaxiomError(`${WHERE}: no credentials: pass \`apiKey\` or set GALILEO_API_KEY (or pass username and password, or accessToken)`);
  }
  if ((organization_id ?? organization_slug) && tokenExchange != "v2-token") {
    throw new GalaxiomError(`${WHERE}: organizationId and organizationSlug need tokenExchange "v2-token"`);
  }
  if (typeof apiKey == "string") sendable(apiKey, `${WHERE}: the API key`);
  if (accessToken) sendable(accessToken, `${WHERE}: the access token`);
  const basic = username && base64(`${username}:${password}`);
  const resolved = resolveOptions(options, options.baseUrl ?? readEnv("GALILEO_API_URL") ?? GALILEO_BASE_URL, [apiKey, password, accessToken, basic], WHERE);
  const { redactor, clock } = resolved;
  const security = options.security ?? operationSecurity;
  const apiClient = (credentials: Credentials) => createApiClient<GalileoPaths>(resolved, security, options.mediaTypes ?? requestMediaTypes, credentials);
  const key = apiKey ? keySecret(apiKey) : undefined;
  // The API key's own client: a token exchange made with it sends the key, so it never needs a token itself.
  const keyed = key ? apiClient({ kind: "apiKey", secret: key }) : undefined;

  const getToken = (query: GetTokenQuery = {}, call?: HelperOptions) =>
    authHelper<GalileoSchemas["GetTokenResponse"]>(GET_TOKEN, { ...call, params: { query } });
  const loginWith = async (api_key: string | undefined, call?: HelperOptions) => {
    if (!api_key) throw new GalaxiomError("no API key: pass one, or create the client with one", LOGIN);
    // The one credential that travels in a body rather than a header the authorizer sets.
    redactor.remember(api_key);
    return authHelper<GalileoSchemas["Token"]>(LOGIN, { ...call, body: { api_key } });
  };
  /** The token exchange, with the API key: the token, and when it expires. */
  const exchange = async (): Promise<[string, number]> => {
    const login = tokenExchange == "v1-login";
    const { access_token: token, expires_at } = ((login
      ? // A login creates nothing, so a failed one may be retried like a GET.
        await loginWith(await key!(), { retry: { idempotent: true } })
      : await getToken({ organization_id, organization_slug })) ?? {}) as { access_token?: unknown; expires_at?: unknown };
    if (typeof token != "string" || !token) throw new GalaxiomError("the response has no access_token", login ? LOGIN : GET_TOKEN);
    return [token, tokenExpiry(token, clock.now(), expires_at)];
  };

  /** The client's own credentials, by the first of its options that names a way to authenticate; else the API key. */
  const authenticated = (): [ApiClient<GalileoPaths>, Helper] => {
    if (basic) return apiClient({ kind: "basic", secret: secretOf(basic) });
    if (accessToken) return apiClient({ kind: "bearer", secret: secretOf(accessToken) });
    if (tokenExchange) return apiClient({ kind: "bearer", secret: tokenCache(exchange, clock) });
    return keyed!;
  };
  const [client, helper] = authenticated();
  // The auth helpers of an exchanging client use the API key itself.
  const authHelper = keyed ? keyed[1] : helper;
  return Object.assign(client, {
    auth: { getToken, loginWithApiKey: async (apiKey?: string, call?: HelperOptions) => loginWith(apiKey ?? (await key?.()), call) },
    apiKeys: {
      create: (body: GalileoSchemas["CreateApiKeyRequest"], call?: HelperOptions) =>
        helper<GalileoSchemas["CreateApiKeyResponse"]>({ method: "POST", path: "/v2/users/api_keys" }, { ...call, body }),
    },
  });
}

/**
 * The API key as a Secret: a string as it is (checked at creation), a function's value checked at each call,
 * so that a function returning no key is a GalaxiomError saying so, not a TypeError from deep inside.
 */
function keySecret(apiKey: ApiKey): Secret {
  if (typeof apiKey == "string") return secretOf(apiKey);
  return () => {
    const value = apiKey();
    // A key returned at once stays at hand, so that the authorizer sets it without waiting.
    return typeof value == "string" ? checkedKey(value) : Promise.resolve(value).then(checkedKey);
  };
}

/** What an apiKey function returned, if it is a key that can be sent. */
function checkedKey(value: unknown): string {
  if (typeof value != "string" || !value) throw new GalaxiomError("the apiKey function returned no key");
  return sendable(value, "the API key from the apiKey function");
}

/** The Galileo operations whose lists come in pages: what `paginateGalileo` takes. */
export type GalileoPaginated = keyof typeof pagination;

/**
 * Every item of a paged Galileo list, fetched page by page as the loop asks for them (see `Paginator`). A function
 * rather than a client method, so that an app that never pages bundles neither it nor the table.
 */
export const paginateGalileo = <Key extends GalileoPaginated>(
  client: GalileoClient<boolean>,
  key: Key,
  ...init: PageParams<GalileoPaths, typeof pagination, Key>
): PaginatorOf<GalileoPaths, typeof pagination, Key> => paginate(client, pagination, key, ...init);
