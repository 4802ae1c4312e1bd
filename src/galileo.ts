import type { components, paths } from "../generated/galileo.js";
import { operationSecurity, securitySchemes } from "../generated/galileo.security.js";
import { authorizer, secretOf, type Credentials, type Secret } from "./auth/security.js";
import { tokenCache, tokenExpiry, type IssuedToken } from "./auth/token-exchange.js";
import type { ApiClient } from "./core/client-types.js";
import { createApiClient } from "./core/create-client.js";
import { readEnv } from "./core/env.js";
import { resolveOptions, type CallOptions, type ClientOptions, type ResolvedOptions } from "./core/options.js";
import { unwrap } from "./core/unwrap.js";
import { GalaxiomError, type Operation } from "./errors.js";
import { Redactor } from "./redact.js";

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

export type GalileoClient = ApiClient<GalileoPaths> & {
  auth: {
    /** `GET /v2/token`: a bearer token for this client's API key, optionally scoped to an organization. */
    getToken(query?: GetTokenQuery, options?: CallOptions): Promise<GalileoSchemas["GetTokenResponse"]>;
    /** `POST /v1/login/api_key`: log in with an API key (the client's own unless one is passed). */
    loginWithApiKey(apiKey?: string, options?: CallOptions): Promise<GalileoSchemas["Token"]>;
  };
  apiKeys: {
    /** `POST /v2/users/api_keys`: create an API key for the current user. Not retried unless `retry: { idempotent: true }`. */
    create(body: GalileoSchemas["CreateApiKeyRequest"], options?: CallOptions): Promise<GalileoSchemas["CreateApiKeyResponse"]>;
  };
};

export const GALILEO_BASE_URL = "https://api.galileo.ai";
const SECURITY = { schemes: securitySchemes, operations: operationSecurity };
const GET_TOKEN = { method: "GET", path: "/v2/token" };
const LOGIN = { method: "POST", path: "/v1/login/api_key" };
const WHERE = "createGalileoClient";

/** A typed client for the Galileo API: openapi-fetch's `GET`/`POST`/… over every path, plus helpers that throw. */
export function createGalileoClient(options: GalileoClientOptions = {}): GalileoClient {
  const { username, password, accessToken, tokenExchange } = options;
  const apiKey = options.apiKey ?? (username ?? accessToken ? undefined : readEnv("GALILEO_API_KEY"));
  if (!apiKey && !username && !accessToken) {
    throw new GalaxiomError(`${WHERE}: no credentials: pass \`apiKey\` or set GALILEO_API_KEY (or pass username and password, or accessToken)`);
  }
  if ((options.organizationId ?? options.organizationSlug) && tokenExchange != "v2-token") {
    throw new GalaxiomError(`${WHERE}: organizationId and organizationSlug need tokenExchange "v2-token"`);
  }
  const baseUrl = options.baseUrl ?? readEnv("GALILEO_API_URL") ?? GALILEO_BASE_URL;
  const redactor = new Redactor([typeof apiKey == "string" ? apiKey : undefined, password, accessToken]);
  const resolved = resolveOptions(options, baseUrl, redactor, WHERE);
  const key = apiKey ? secretOf(apiKey) : undefined;
  // The API key's own client: a token exchange made with it sends the key, so it never needs a token itself.
  const keyClient = key && createApiClient<GalileoPaths>(resolved, authorizer(SECURITY, { apiKey: key }, resolved, WHERE));
  const credentials: Credentials | undefined = username
    ? { basic: { username, password: password ?? "" } }
    : accessToken
      ? { bearer: secretOf(accessToken) }
      : tokenExchange && { bearer: tokenCache(exchange(tokenExchange, keyClient!, key!, options, resolved), resolved.clock) };
  const client = credentials ? createApiClient<GalileoPaths>(resolved, authorizer(SECURITY, credentials, resolved, WHERE)) : keyClient!;
  const authClient = keyClient ?? client;

  return Object.assign(client, {
    auth: {
      getToken: (query: GetTokenQuery = {}, call?: CallOptions) => unwrap(resolved, GET_TOKEN, authClient.GET("/v2/token", { ...call, params: { query } })),
      loginWithApiKey: async (apiKey?: string, call?: CallOptions) => {
        const api_key = apiKey ?? (await key?.read());
        if (!api_key) throw new GalaxiomError("no API key: pass one, or create the client with one", { operation: LOGIN });
        redactor.remember(api_key);
        return unwrap(resolved, LOGIN, authClient.POST("/v1/login/api_key", { ...call, body: { api_key } }));
      },
    },
    apiKeys: {
      create: (body: GalileoSchemas["CreateApiKeyRequest"], call?: CallOptions) =>
        unwrap(resolved, { method: "POST", path: "/v2/users/api_keys" }, client.POST("/v2/users/api_keys", { ...call, body })),
    },
  });
}

/** The token exchange for `mode`, made with the API key's own client. */
function exchange(mode: "v2-token" | "v1-login", keyClient: ApiClient<GalileoPaths>, key: Secret, options: GalileoClientOptions, resolved: ResolvedOptions) {
  const { organizationId: organization_id, organizationSlug: organization_slug } = options;
  const login = mode == "v1-login";
  const { redactor } = resolved;
  return async (): Promise<IssuedToken> => {
    const operation: Operation = login ? LOGIN : GET_TOKEN;
    const api_key = login ? await key.read() : "";
    redactor.remember(api_key);
    const body: { access_token?: unknown; expires_at?: unknown } = await unwrap(
      resolved,
      operation,
      login
        ? // A login creates nothing, so a failed one may be retried like a GET.
          keyClient.POST("/v1/login/api_key", { body: { api_key }, retry: { idempotent: true } })
        : keyClient.GET("/v2/token", { params: { query: { organization_id, organization_slug } } }),
    );
    const { access_token: token, expires_at: expiresAt } = body ?? {};
    if (typeof token != "string" || !token) throw new GalaxiomError("the response has no access_token", { operation });
    redactor.remember(token);
    return { token, expiresAt: tokenExpiry(token, resolved.clock.now(), typeof expiresAt == "string" ? expiresAt : undefined) };
  };
}
