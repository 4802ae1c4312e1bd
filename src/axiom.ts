import type { components, paths } from "../generated/axiom.js";
import { operationSecurity } from "../generated/axiom.security.js";
import { secretOf } from "./auth/security.js";
import type { ApiClient } from "./core/client-types.js";
import { createApiClient } from "./core/create-client.js";
import { readEnv } from "./core/env.js";
import { resolveOptions, type ClientOptions, type HelperOptions } from "./core/options.js";
import { GalaxiomError } from "./errors.js";
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
   * Default: the `AXIOM_URL` environment variable (the API origin, as for Axiom's own SDKs and CLI) followed
   * by `/v2`, else `https://api.axiom.co/v2`. The spec's paths (`/tokens/{id}`) are relative to it.
   */
  baseUrl?: string;
}

/** An Axiom client; with `Throws` (the option `throwOnError: true`), raw calls throw on an error status. */
export type AxiomClient<Throws extends boolean = false> = ApiClient<AxiomPaths, Throws> & {
  tokens: {
    /** `GET /tokens/{id}`: an API token's name, capabilities and expiry (never its secret). */
    get(id: string, options?: HelperOptions): Promise<AxiomSchemas["APIToken"]>;
  };
};

export const AXIOM_BASE_URL = "https://api.axiom.co/v2";
const WHERE = "createAxiomClient";

/** A typed client for the Axiom API: openapi-fetch's `GET`/`POST`/… over every path, plus helpers that throw. */
export function createAxiomClient<Throws extends boolean = false>(options: AxiomClientOptions & { throwOnError?: Throws } = {}): AxiomClient<Throws> {
  const token = options.token ?? readEnv("AXIOM_TOKEN");
  if (!token) throw new GalaxiomError(`${WHERE}: no token: pass \`token\` or set AXIOM_TOKEN`);
  sendable(token, `${WHERE}: the token`);
  const orgId = options.orgId ?? readEnv("AXIOM_ORG_ID");
  if (token.startsWith("xapt-") && !orgId) {
    throw new GalaxiomError(`${WHERE}: a personal token (xapt-…) needs the organization: pass \`orgId\` or set AXIOM_ORG_ID`);
  }
  const resolved = resolveOptions(options, options.baseUrl ?? baseUrlFrom(readEnv("AXIOM_URL")), [token], WHERE);
  const [client, helper] = createApiClient<AxiomPaths, Throws>(resolved, operationSecurity, {
    kind: "bearer",
    secret: secretOf(token),
    headers: orgId ? { "X-Axiom-Org-Id": orgId } : {},
  });
  return Object.assign(client, {
    tokens: {
      get: (id: string, call?: HelperOptions) =>
        helper<AxiomSchemas["APIToken"]>({ method: "GET", path: "/tokens/{id}" }, { ...call, params: { path: { id } } }),
    },
  });
}

/** The base URL for AXIOM_URL, the API's origin as Axiom's own SDKs and CLI read it; the default without it. */
function baseUrlFrom(origin: string | undefined): string {
  return origin ? `${origin.replace(/\/+$/, "")}/v2` : AXIOM_BASE_URL;
}
