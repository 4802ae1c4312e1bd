import type { Client } from "openapi-fetch";
import type { components, paths } from "../generated/galileo.js";
import { operationSecurity, securitySchemes } from "../generated/galileo.security.js";
import { securityMiddleware } from "./auth/security.js";
import { createApiClient, type ClientOptions } from "./core/create-client.js";
import { readEnv } from "./core/env.js";
import { unwrap } from "./core/unwrap.js";
import { GalaxiomError } from "./errors.js";
import { Redactor } from "./redact.js";

export type GalileoPaths = paths;
/** Every schema of the Galileo description, by name: `GalileoSchemas["CreateApiKeyResponse"]`. */
export type GalileoSchemas = components["schemas"];

export interface GalileoClientOptions extends ClientOptions {
  /** Your Galileo API key. Default: the `GALILEO_API_KEY` environment variable. */
  apiKey?: string;
  /** Default: the `GALILEO_API_URL` environment variable, else `https://api.galileo.ai`. */
  baseUrl?: string;
}

export type GetTokenQuery = NonNullable<paths["/v2/token"]["get"]["parameters"]["query"]>;

export type GalileoClient = Client<GalileoPaths> & {
  auth: {
    /** `GET /v2/token`: a bearer token for this client's API key, optionally scoped to an organization. */
    getToken(query?: GetTokenQuery): Promise<GalileoSchemas["GetTokenResponse"]>;
    /** `POST /v1/login/api_key`: log in with an API key (the client's own unless one is passed). */
    loginWithApiKey(apiKey?: string): Promise<GalileoSchemas["Token"]>;
  };
  apiKeys: {
    /** `POST /v2/users/api_keys`: create an API key for the current user. The response holds the new key. */
    create(body: GalileoSchemas["CreateApiKeyRequest"]): Promise<GalileoSchemas["CreateApiKeyResponse"]>;
  };
};

export const GALILEO_BASE_URL = "https://api.galileo.ai";

/** A typed client for the Galileo API: openapi-fetch's `GET`/`POST`/… over every path, plus helpers that throw. */
export function createGalileoClient(options: GalileoClientOptions = {}): GalileoClient {
  const apiKey = options.apiKey ?? readEnv("GALILEO_API_KEY");
  if (!apiKey) {
    throw new GalaxiomError("createGalileoClient: no API key. Pass the `apiKey` option or set the GALILEO_API_KEY environment variable.");
  }
  const baseUrl = options.baseUrl ?? readEnv("GALILEO_API_URL") ?? GALILEO_BASE_URL;
  const redactor = new Redactor([apiKey]);
  const client = createApiClient<GalileoPaths>({ ...options, baseUrl }, [
    securityMiddleware({ schemes: securitySchemes, operations: operationSecurity }, { apiKey: () => apiKey }),
  ]);
  return Object.assign(client, {
    auth: {
      getToken: (query: GetTokenQuery = {}) =>
        unwrap({ method: "GET", path: "/v2/token" }, client.GET("/v2/token", { params: { query } }), redactor),
      loginWithApiKey: (key: string = apiKey) => {
        redactor.remember(key);
        return unwrap({ method: "POST", path: "/v1/login/api_key" }, client.POST("/v1/login/api_key", { body: { api_key: key } }), redactor);
      },
    },
    apiKeys: {
      create: (body: GalileoSchemas["CreateApiKeyRequest"]) =>
        unwrap({ method: "POST", path: "/v2/users/api_keys" }, client.POST("/v2/users/api_keys", { body }), redactor),
    },
  });
}
