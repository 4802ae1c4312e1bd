import { loadConfig } from "@redocly/openapi-core";
import { buildApi, type LoadCache } from "../generate/build-api.js";
import type { SpecsConfig } from "../generate/config.js";
import { shown, SpecError } from "../lib/spec-error.js";
import { loadValidators } from "./load-validators.js";
import { mismatches, type Mismatch, type Validators } from "./mismatches.js";
import { apiRoutes, findOperation, type ApiRoutes } from "./operations.js";
import type { Exchange } from "./recording.js";

/** What `check` found: per operation, the responses that differ; and the exchanges no operation matched. */
export interface CheckResult {
  operations: Array<{ api: string; operation: string; checked: number; differing: Differing[] }>;
  noOperation: Exchange[];
  checked: number;
  /** By API checked, the `format`s its description uses that the validators don't check. */
  uncheckedFormats: Map<string, readonly string[]>;
}

export interface Differing {
  at: string;
  status: number;
  found: Mismatch[];
  total: number;
}

/**
 * Checks each exchange against the description `generate` builds for its API (from the config, in memory): the
 * API whose server has the request's origin, or `forced`; then the operation by method and path template.
 */
export async function checkRecording(config: SpecsConfig, exchanges: Exchange[], forced: string | undefined): Promise<CheckResult> {
  const apis = forced === undefined ? config.apis : config.apis.filter((api) => api.name === forced);
  if (apis.length === 0)
    throw new SpecError(`no API "${forced}": --api takes one of ${config.apis.map((api) => api.name).join(", ")}`, { file: shown(config.file) });
  const redocly = await loadConfig({ configPath: config.redoclyConfig }).catch((error: unknown) => {
    throw new SpecError((error as Error).message, { file: shown(config.redoclyConfig) });
  });
  const loads: LoadCache = new Map();
  const routes: ApiRoutes[] = [];
  const validators = new Map<string, Validators>();
  const unchecked = new Map<string, readonly string[]>();
  for (const api of apis) {
    const { document } = await buildApi(api, config, redocly, loads);
    routes.push(apiRoutes(api.name, document));
    const loaded = await loadValidators(document, api.name);
    validators.set(api.name, loaded.validators);
    unchecked.set(api.name, loaded.uncheckedFormats);
  }
  const byOperation = new Map<string, CheckResult["operations"][number]>();
  const noOperation: Exchange[] = [];
  for (const exchange of exchanges) {
    const match = findOperation(routes, exchange.method, exchange.url, forced);
    const table = match && validators.get(match.api);
    if (!match || !table || !Object.hasOwn(table, match.operation)) {
      noOperation.push(exchange);
      continue;
    }
    const key = `${match.api} ${match.operation}`;
    let entry = byOperation.get(key);
    if (!entry) byOperation.set(key, (entry = { api: match.api, operation: match.operation, checked: 0, differing: [] }));
    entry.checked++;
    const { found, total } = mismatches(table, match.operation, exchange);
    if (total > 0) entry.differing.push({ at: exchange.at, status: exchange.status, found, total });
  }
  const operations = [...byOperation.values()];
  const used = new Set(operations.map((entry) => entry.api));
  const uncheckedFormats = new Map([...unchecked].filter(([api, formats]) => used.has(api) && formats.length > 0));
  return { operations, noOperation, checked: exchanges.length - noOperation.length, uncheckedFormats };
}
