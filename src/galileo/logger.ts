import { createBatcher, BATCH_DEFAULTS, type BatcherStats, type BatchOptions } from "../batch/batcher.js";
import { DeliveryError, reasonOf } from "../batch/delivery-error.js";
import { systemClock } from "../core/clock.js";
import type { ApiClient } from "../core/client-types.js";
import { utf8Length } from "../core/utf8.js";
import { GalaxiomError } from "../errors.js";
import type { GalileoPaths, GalileoSchemas } from "../galileo.js";
import type { CallRetryOptions } from "../retry.js";

/** What the logger needs of a Galileo client, throwing or not: each call says `throwOnError` itself. */
export type GalileoLoggerClient = Pick<ApiClient<GalileoPaths, boolean>, "POST">;

type Schemas = GalileoSchemas;
/** A trace or any of its spans, as the spec sends it. */
type Rec = Schemas["Trace-Input"] | NonNullable<Schemas["Trace-Input"]["spans"]>[number];

/** What the logger fills in itself: ids, nesting, the kind of record, and when it started. */
type Filled = "type" | "id" | "session_id" | "trace_id" | "parent_id" | "step_number" | "spans" | "input" | "name" | "created_at";
/** A record's fields as the spec names them, but those the logger fills; `name` and `created_at` may still be given. */
type Fields<S> = Omit<S, Filled> & { name?: string; created_at?: string };

/** `startTrace`'s options: the spec's Trace fields (`user_metadata`, `tags`, `external_id`, `metrics`…). */
export type TraceOptions = Fields<Schemas["Trace-Input"]>;
/** `addLlmSpan`: the spec's LlmSpan; token counts and timings go in `metrics` (`num_input_tokens`, `duration_ns`…). */
export type LlmSpanOptions = Fields<Schemas["LlmSpan"]> & Pick<Schemas["LlmSpan"], "input">;
export type RetrieverSpanOptions = Fields<Schemas["RetrieverSpan-Input"]> & Pick<Schemas["RetrieverSpan-Input"], "input">;
export type ToolSpanOptions = Fields<Schemas["ToolSpan-Input"]> & Pick<Schemas["ToolSpan-Input"], "input">;
/** `addWorkflowSpan`: opens a span that holds the spans added after it, until `conclude`. */
export type WorkflowSpanOptions = Fields<Schemas["WorkflowSpan-Input"]> & Pick<Schemas["WorkflowSpan-Input"], "input">;
/** `addAgentSpan`: like a workflow span; `agent_type` defaults to "default". */
export type AgentSpanOptions = Omit<Fields<Schemas["AgentSpan-Input"]>, "agent_type"> &
  Pick<Schemas["AgentSpan-Input"], "input"> & { agent_type?: Schemas["AgentSpan-Input"]["agent_type"] };

export interface ConcludeOptions {
  /** The output of the workflow span or trace being concluded. */
  output?: Schemas["WorkflowSpan-Input"]["output"] | Schemas["Trace-Input"]["output"];
  status_code?: number | null;
  /** Its duration, instead of the time since it was started. */
  duration_ns?: number;
  /** Conclude every open span and the trace, not just the innermost. */
  conclude_all?: boolean;
}

/** `startSession`'s options, the spec's SessionCreateRequest's own. */
export type SessionOptions = Pick<Schemas["SessionCreateRequest"], "name" | "previous_session_id" | "external_id" | "user_metadata">;

/** Building a trace: spans nest under the innermost open workflow or agent span. */
export interface GalileoSpans {
  /** A leaf span, logged once the call is done: its timing is what `metrics` says. */
  addLlmSpan(span: LlmSpanOptions): void;
  addRetrieverSpan(span: RetrieverSpanOptions): void;
  addToolSpan(span: ToolSpanOptions): void;
  addWorkflowSpan(span: WorkflowSpanOptions): void;
  addAgentSpan(span: AgentSpanOptions): void;
  /** Concludes the innermost open span, or the trace when none is open (or all, with `conclude_all`): a concluded trace is queued. */
  conclude(options?: ConcludeOptions): void;
}

/** One trace being built, whichever trace is the logger's current one. */
export interface GalileoTrace extends GalileoSpans {
  /** The trace's id, as sent. */
  readonly id: string;
  /** Whether the trace is concluded. */
  readonly concluded: boolean;
}

export type GalileoLoggerOptions = BatchOptions &
  ({ project: string; projectId?: never } | { projectId: string; project?: never }) &
  ({ logStream: string; logStreamId?: never } | { logStreamId: string; logStream?: never }) & {
    /** Create the project and log stream named when they don't exist, as Galileo's SDKs do. @default false */
    create?: boolean;
    /** Traces started go in this session (else none, until `startSession`). */
    sessionId?: string;
    /** Laid over the client's retry policy for the trace calls, retried though they are POSTs (at-least-once). */
    retry?: CallRetryOptions | false;
    /** Each attempt's timeout, in ms, instead of the client's. */
    timeout?: number | false;
  };

/**
 * Trace logging into a Galileo log stream, by Galileo's SDKs' names. `startTrace`, spans, `conclude`: a concluded
 * trace is queued, and traces go in batches, one `POST /v2/projects/{project_id}/traces` each.
 */
export interface GalileoLogger extends GalileoSpans {
  /** Starts a trace and makes it the current one, which the logger's span methods and `conclude` act on (throwing when none is open). */
  startTrace(input: Schemas["Trace-Input"]["input"], options?: TraceOptions): GalileoTrace;
  /** The current trace, if one is open. */
  currentTrace(): GalileoTrace | undefined;
  /** `POST /v2/projects/{project_id}/sessions`: creates a session, which traces started from now on go in; resolves to its id. */
  startSession(options?: SessionOptions): Promise<string>;
  /** Traces started from now on go in this session; `undefined`: none. */
  setSessionId(id: string | undefined): void;
  /** Resolves when the queue has room for a batch: await it before starting traces for back-pressure instead of drops. */
  ready(): Promise<void>;
  /** Sends the concluded traces and resolves once Galileo has taken them; rejects with a DeliveryError summing losses since the last flush. */
  flush(options?: { timeout?: number | false }): Promise<void>;
  stats(): BatcherStats;
}

const NAME = "galileo logger";

interface Target {
  projectId: string;
  logStreamId: string;
}

interface Open {
  record: Rec & { spans: Rec[] };
  started: number;
}

/** Trace logging over a Galileo client: the project and log stream are resolved by name once, on the first batch. */
export function createGalileoLogger(client: GalileoLoggerClient, options: GalileoLoggerOptions): GalileoLogger {
  const { project, projectId, logStream, logStreamId } = options ?? {};
  if (!project == !projectId) throw new GalaxiomError(`${NAME}: pass one of project (a name) and projectId`);
  if (!logStream == !logStreamId) throw new GalaxiomError(`${NAME}: pass one of logStream (a name) and logStreamId`);
  const { retry, timeout } = options;
  const clock = { ...systemClock, ...options.clock };
  const callRetry = retry === false ? false : { ...retry, idempotent: true };
  let sessionId = options.sessionId;
  let current: GalileoTrace | undefined;
  let resolving: Promise<Target> | undefined;

  /** The project and log stream, resolved once and shared; a failure is not kept, so that the next batch tries again. */
  const target = () =>
    (resolving ??= resolve(client, options, callRetry, timeout).catch((error: unknown) => {
      resolving = undefined;
      throw error;
    }));

  const batcher = createBatcher<string>({
    ...options,
    name: NAME,
    sizeOf: (trace) => utf8Length(trace) + 1,
    // The key is the session: a batch's traces share the request's session_id.
    async send(traces, signal, key) {
      try {
        const { projectId, logStreamId } = await target();
        const head: Partial<Schemas["LogTracesIngestRequest"]> = {
          log_stream_id: logStreamId,
          logging_method: "api_direct",
          reliable: true,
          is_complete: true,
          include_trace_ids: false,
          ...(key && { session_id: key }),
        };
        // The traces were serialized when concluded: the body is spliced from them, not parsed and written again.
        const text = `${JSON.stringify(head).slice(0, -1)},"traces":[${traces.join(",")}]}`;
        await client.POST("/v2/projects/{project_id}/traces", {
          params: { path: { project_id: projectId } },
          body: { ...(head as Schemas["LogTracesIngestRequest"]), traces: [] },
          bodySerializer: () => text,
          headers: { "Content-Type": "application/json" },
          retry: callRetry,
          timeout,
          signal,
          throwOnError: true,
        });
      } catch (error) {
        throw new DeliveryError(`${NAME}: ${traces.length} traces lost${reasonOf(error)}`, traces.length, { cause: error });
      }
    },
  });
  const maxBatchBytes = options.maxBatchBytes ?? BATCH_DEFAULTS.maxBatchBytes;

  function startTrace(input: Schemas["Trace-Input"]["input"], traceOptions: TraceOptions = {}): GalileoTrace {
    const id = crypto.randomUUID();
    const session = sessionId;
    const root = open({ ...traceOptions, type: "trace", input, id, trace_id: id, ...(session && { session_id: session }) } as Rec, undefined);
    const stack: Open[] = [root];
    let concluded = false;

    const add = (span: object, type: string, nests: boolean) => {
      if (concluded) throw new GalaxiomError(`${NAME}: the trace is concluded: start another to add spans`);
      const parent = stack.at(-1)!;
      const opened = open({ ...span, type, id: crypto.randomUUID(), trace_id: id, parent_id: parent.record.id } as Rec, parent, nests);
      // A leaf is logged when done: its duration is what its metrics say, not the time it took to log.
      if (nests) stack.push(opened);
    };

    const trace: GalileoTrace = {
      id,
      get concluded() {
        return concluded;
      },
      addLlmSpan: (span) => add(span, "llm", false),
      addRetrieverSpan: (span) => add(span, "retriever", false),
      addToolSpan: (span) => add(span, "tool", false),
      addWorkflowSpan: (span) => add(span, "workflow", true),
      addAgentSpan: (span) => add({ agent_type: "default", ...span }, "agent", true),
      conclude({ output, status_code, duration_ns, conclude_all }: ConcludeOptions = {}) {
        if (concluded) throw new GalaxiomError(`${NAME}: the trace is already concluded`);
        do {
          const { record, started } = stack.pop()!;
          // Output and status go to the span concluded; with conclude_all, to every one closed.
          if (output !== undefined) record.output = output as never;
          if (status_code !== undefined) record.status_code = status_code;
          record.metrics = {
            ...record.metrics,
            duration_ns: duration_ns ?? record.metrics?.duration_ns ?? Math.max(0, Math.round((clock.now() - started) * 1e6)),
          };
        } while (conclude_all && stack.length);
        if (stack.length) return;
        concluded = true;
        if (current === trace) current = undefined;
        // Serialized now: what is sent is the trace as concluded.
        batcher.add(session ?? "", [JSON.stringify(root.record)]);
      },
    };
    current = trace;
    return trace;
  }

  /** A record with its start time, appended to its parent's spans; one that holds spans starts with none. */
  function open(record: Rec, parent: Open | undefined, holds = true): Open {
    const started = clock.now();
    const full = {
      ...record,
      name: record.name ?? "",
      created_at: record.created_at ?? new Date(started).toISOString(),
      ...(holds && { spans: [] }),
    } as Open["record"];
    if (parent) parent.record.spans.push(full);
    return { record: full, started };
  }

  const currentOrThrow = () => {
    if (!current) throw new GalaxiomError(`${NAME}: no trace is open: call startTrace first`);
    return current;
  };

  return {
    startTrace,
    addLlmSpan: (span) => currentOrThrow().addLlmSpan(span),
    addRetrieverSpan: (span) => currentOrThrow().addRetrieverSpan(span),
    addToolSpan: (span) => currentOrThrow().addToolSpan(span),
    addWorkflowSpan: (span) => currentOrThrow().addWorkflowSpan(span),
    addAgentSpan: (span) => currentOrThrow().addAgentSpan(span),
    conclude: (concludeOptions) => currentOrThrow().conclude(concludeOptions),
    currentTrace: () => current,
    async startSession(sessionOptions = {}) {
      const { projectId, logStreamId } = await target();
      const { data } = await client.POST("/v2/projects/{project_id}/sessions", {
        params: { path: { project_id: projectId } },
        body: { ...sessionOptions, log_stream_id: logStreamId, logging_method: "api_direct", reliable: true },
        timeout,
        throwOnError: true,
      });
      sessionId = data.id;
      return data.id;
    },
    setSessionId(id) {
      sessionId = id;
    },
    ready: () => batcher.ready(maxBatchBytes),
    flush: (flushOptions) => batcher.flush(flushOptions),
    stats: batcher.stats,
  };
}

/** The project's and log stream's ids: given, or found by name (created, with `create`, when missing). */
async function resolve(
  client: GalileoLoggerClient,
  { project, projectId, logStream, logStreamId, create }: GalileoLoggerOptions,
  retry: CallRetryOptions | false,
  timeout: number | false | undefined,
): Promise<Target> {
  const call = { retry, timeout, throwOnError: true } as const;
  let pid = projectId;
  if (!pid) {
    const name = project!;
    const { data } = await client.POST("/v2/projects/paginated", {
      params: { query: { limit: 10 } },
      body: { filters: [{ name: "name", operator: "eq", value: name, case_sensitive: true }], sort: null },
      ...call,
    });
    pid = data.projects.find((found) => found.name === name)?.id;
    if (!pid && create) {
      pid = (await client.POST("/v2/projects", { body: { name, type: "gen_ai", create_example_templates: false }, timeout, throwOnError: true })).data.id;
    }
    if (!pid) throw new GalaxiomError(`${NAME}: no Galileo project is named ${JSON.stringify(name)} (pass create: true to create it)`);
  }
  let sid = logStreamId;
  if (!sid) {
    const name = logStream!;
    const { data } = await client.POST("/v2/projects/{project_id}/log_streams/search", {
      params: { path: { project_id: pid } },
      body: { starting_token: 0, limit: 10, include_counts: false, filters: [{ name: "name", operator: "eq", value: name, case_sensitive: true }], sort: null },
      ...call,
    });
    sid = data.log_streams.find((found) => found.name === name)?.id;
    if (!sid && create) {
      sid = (await client.POST("/v2/projects/{project_id}/log_streams", { params: { path: { project_id: pid } }, body: { name }, timeout, throwOnError: true }))
        .data.id;
    }
    if (!sid) throw new GalaxiomError(`${NAME}: project ${pid} has no log stream named ${JSON.stringify(name)} (pass create: true to create it)`);
  }
  return { projectId: pid, logStreamId: sid };
}
