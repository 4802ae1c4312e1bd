import { AXIOM_BASE_URL, type AxiomPaths } from "../axiom.js";
import { operationSecurity as axiomSecurity } from "../../generated/axiom.security.js";
import { samples as axiomSamples } from "../../generated/axiom.samples.js";
import { validators as axiomValidators } from "../../generated/axiom.validators.js";
import { operationSecurity as galileoSecurity } from "../../generated/galileo.security.js";
import { samples as galileoSamples } from "../../generated/galileo.samples.js";
import { validators as galileoValidators } from "../../generated/galileo.validators.js";
import { GALILEO_BASE_URL, type GalileoPaths } from "../galileo.js";
import { createFake, type Fake, type FakeOptions } from "./fake.js";

export { createFake, FakeError } from "./fake.js";
export type { Fake, FakeOptions, Interceptable } from "./fake.js";
export type { CallParams, FakeCall, FakeHandler, FakeReply, OperationKey, OperationOf, RequestBody } from "./types.js";
export type { Samples, SampleSeed } from "./seed.js";
export type { Check, Issue, OperationChecks, ResponseChecks, Validators } from "./checks.js";

/** A fake's options for one of the package's APIs: its origin (the client's default) and tables, the package's. */
export type ApiFakeOptions<Paths> = Omit<FakeOptions<Paths>, "origin" | "security" | "samples" | "validators"> & { origin?: string };

/** A fake Axiom API for `createAxiomClient({ token, fetch: fake.fetch })`; see `createFake`. */
export function createFakeAxiom(options: ApiFakeOptions<AxiomPaths> = {}): Fake<AxiomPaths> {
  return createFake<AxiomPaths>({ origin: AXIOM_BASE_URL, ...options, security: axiomSecurity, samples: axiomSamples, validators: axiomValidators });
}

/** The token a fake Galileo's exchange answers with, until a handler says otherwise. */
export const FAKE_GALILEO_TOKEN = "fake-galileo-token";

/**
 * A fake Galileo API for `createGalileoClient({ apiKey, fetch: fake.fetch })`; see `createFake`. Its token
 * exchanges (`GET /v2/token`, `POST /v1/login/api_key`) answer FAKE_GALILEO_TOKEN, so that a client exchanging
 * its key works as it is; `on` replaces them.
 */
export function createFakeGalileo(options: ApiFakeOptions<GalileoPaths> = {}): Fake<GalileoPaths> {
  const token = { access_token: FAKE_GALILEO_TOKEN, token_type: "bearer" };
  return createFake<GalileoPaths>({
    origin: GALILEO_BASE_URL,
    ...options,
    handlers: {
      "GET /v2/token": () => ({ status: 200, body: { ...token, expires_at: "2999-01-01T00:00:00Z" } }),
      "POST /v1/login/api_key": () => ({ status: 200, body: token }),
      ...options.handlers,
    },
    security: galileoSecurity,
    samples: galileoSamples,
    validators: galileoValidators,
  });
}
