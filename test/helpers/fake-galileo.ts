import type { IncomingMessage, ServerResponse } from "node:http";
import { answer } from "./fake-axiom.js";
import { useLoopback } from "./server.js";

export const PROJECT_ID = "0b5e1c2a-0000-4000-8000-000000000001";
export const LOG_STREAM_ID = "0b5e1c2a-0000-4000-8000-000000000002";
export const SESSION_ID = "0b5e1c2a-0000-4000-8000-000000000003";

/** Parsed JSON, read freely by the tests' assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the tests walk bodies the fake parsed; their shape is what they assert.
type Json = any;

/** One request as the fake read it, its body parsed. */
export interface GalileoRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Json;
}

/**
 * How the fake answers one `POST …/traces`, in the order they come: `200` (the default) takes the traces; another
 * status answers it with an error body, taking nothing; `"reset after applying"` takes them and cuts the connection;
 * a function answers as it likes.
 */
export type TraceFault = number | "reset after applying" | ((request: GalileoRequest, response: ServerResponse) => void);

export interface FakeGalileo {
  origin: string;
  /** Every request, in order. */
  requests: GalileoRequest[];
  /** The `POST …/traces` requests. */
  traceRequests(): GalileoRequest[];
  /** The traces taken, in order. */
  traces: Json[];
}

export interface FakeGalileoOptions {
  projects?: Record<string, string>;
  logStreams?: Record<string, string>;
  /** How each `POST …/traces` is answered, first come first served. */
  faults?: TraceFault[];
  /** Answer the lookups only after this promise resolves. */
  lookupGate?: Promise<void>;
}

const DATES = { created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" };

/** The entries of `table` named as a search body's first filter says, as the spec lists them. */
function named(table: Record<string, string>, body: Json) {
  return Object.entries(table)
    .filter(([name]) => name == body.filters[0].value)
    .map(([name, id]) => ({ id, name, ...DATES }));
}

/** A fake Galileo on 127.0.0.1 for one test file: project and log stream lookup, sessions and trace ingestion. */
export function useFakeGalileo(): (options?: FakeGalileoOptions) => Promise<FakeGalileo> {
  const loopback = useLoopback();
  return async ({ projects = { shop: PROJECT_ID }, logStreams = { production: LOG_STREAM_ID }, faults = [], lookupGate } = {}) => {
    const requests: GalileoRequest[] = [];
    const traces: Json[] = [];
    const page = { starting_token: 0, limit: 10, paginated: false };
    const server = await loopback(async (received, response) => {
      const path = new URL(received.url, "http://fake").pathname;
      const read: GalileoRequest = { method: received.method, path, headers: received.headers, body: received.body ? JSON.parse(received.body) : undefined };
      requests.push(read);
      const { body } = read;
      if (path == "/v2/projects/paginated") {
        await lookupGate;
        const found = named(projects, body).map((project) => ({ ...project, permissions: [], bookmark: false }));
        return answer(response, 200, { ...page, total_count: found.length, projects: found });
      }
      if (path == `/v2/projects/${PROJECT_ID}/log_streams/search`) {
        await lookupGate;
        return answer(response, 200, {
          ...page,
          log_streams: named(logStreams, body).map((stream) => ({ ...stream, project_id: PROJECT_ID, has_user_created_sessions: false })),
        });
      }
      if (path == "/v2/projects" && read.method == "POST") {
        projects[body.name] = PROJECT_ID;
        return answer(response, 200, { id: PROJECT_ID, name: body.name, ...DATES });
      }
      if (path == `/v2/projects/${PROJECT_ID}/log_streams` && read.method == "POST") {
        logStreams[body.name] = LOG_STREAM_ID;
        return answer(response, 200, { id: LOG_STREAM_ID, name: body.name, project_id: PROJECT_ID, has_user_created_sessions: false, ...DATES });
      }
      if (path == `/v2/projects/${PROJECT_ID}/sessions`) {
        return answer(response, 200, { id: SESSION_ID, name: body.name ?? null, project_id: PROJECT_ID, project_name: "shop" });
      }
      if (path == `/v2/projects/${PROJECT_ID}/traces`) {
        const fault = faults.shift() ?? 200;
        if (typeof fault == "function") return fault(read, response);
        if (typeof fault == "number" && fault != 200) return answer(response, fault, { detail: "injected" });
        traces.push(...body.traces);
        if (fault != 200) return response.socket!.destroy();
        const count = body.traces.length;
        return answer(response, 200, {
          project_id: PROJECT_ID,
          project_name: "shop",
          log_stream_id: body.log_stream_id,
          records_count: count,
          traces_count: count,
        });
      }
      answer(response, 404, { detail: "Not Found" });
    });
    return { origin: server.origin, requests, traces, traceRequests: () => requests.filter((request) => request.path.endsWith("/traces")) };
  };
}
