import { describe, expect, it } from "vitest";
import { createGalileoClient, createGalileoLogger, DeliveryError, GalaxiomError, type GalileoLoggerOptions } from "../../src/index.js";
import { answer } from "../helpers/fake-axiom.js";
import { type FakeGalileoOptions, LOG_STREAM_ID, PROJECT_ID, SESSION_ID, useFakeGalileo } from "../helpers/fake-galileo.js";
import { KEY } from "../helpers/galileo.js";
import { recordingLogger } from "../helpers/logger.js";
import { manualClock } from "../helpers/manual-clock.js";

const fakeGalileo = useFakeGalileo();

/** A fake Galileo, and a logger over a client of it whose backoff is 0 ms; every loss is kept. */
async function setup(fake: FakeGalileoOptions = {}, options: Partial<GalileoLoggerOptions> = {}) {
  const galileo = await fakeGalileo(fake);
  const errors: DeliveryError[] = [];
  const logger = recordingLogger();
  const clientLogger = recordingLogger();
  const client = createGalileoClient({ apiKey: KEY, baseUrl: galileo.origin, clock: { random: () => 0 }, logger: clientLogger });
  const log = createGalileoLogger(client, {
    project: "shop",
    logStream: "production",
    onError: (error) => errors.push(error),
    logger,
    ...options,
  } as GalileoLoggerOptions);
  return { galileo, log, errors, logger, clientLogger };
}

/** Logs `count` one-span traces. */
function traces(log: ReturnType<typeof createGalileoLogger>, count: number, from = 0) {
  for (let i = from; i < from + count; i++) {
    log.startTrace(`question ${i}`, { name: `t${i}` });
    log.addLlmSpan({ input: [{ role: "user", content: `question ${i}` }], output: { role: "assistant", content: `answer ${i}` }, model: "gpt-4o" });
    log.conclude({ output: `answer ${i}` });
  }
}

const names = (list: { name: string }[]) => list.map((trace) => trace.name);

describe("galileo trace logging", () => {
  it("sends a trace with nested spans in the spec's shape, timed by the clock", async () => {
    const clock = manualClock();
    await clock.advance(Date.UTC(2026, 11, 7, 12));
    const { galileo, log } = await setup({}, { clock });
    const trace = log.startTrace("Where is my order?", { name: "support", user_metadata: { user: "u1" }, tags: ["prod"] });
    await clock.advance(5);
    log.addWorkflowSpan({ input: "Where is my order?", name: "agent loop" });
    log.addRetrieverSpan({ input: "order 42", output: [{ page_content: "order 42 shipped", metadata: { source: "db" } }], name: "orders" });
    log.addLlmSpan({
      input: [{ role: "user", content: "Where is my order?" }],
      output: { role: "assistant", content: "It shipped." },
      model: "gpt-4o",
      temperature: 0,
      metrics: { num_input_tokens: 12, num_output_tokens: 3, num_total_tokens: 15, duration_ns: 2_000_000 },
    });
    log.addToolSpan({ input: '{"id":42}', output: "shipped", name: "lookup", tool_call_id: "call_1" });
    await clock.advance(10);
    log.conclude({ output: "It shipped." });
    expect(log.currentTrace()).toBe(trace);
    await clock.advance(2);
    log.conclude({ output: "It shipped.", status_code: 200 });
    expect(trace.concluded).toBe(true);
    expect(log.currentTrace()).toBeUndefined();
    expect(galileo.traceRequests()).toEqual([]);
    await log.flush();

    const [request] = galileo.traceRequests();
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe(`/v2/projects/${PROJECT_ID}/traces`);
    expect(request!.headers["galileo-api-key"]).toBe(KEY);
    expect(request!.headers["content-type"]).toBe("application/json");
    const { traces: sent, ...head } = request!.body;
    expect(head).toEqual({ log_stream_id: LOG_STREAM_ID, logging_method: "api_direct", reliable: true, is_complete: true, include_trace_ids: false });
    const started = "2026-12-07T12:00:00.000Z";
    const inner = "2026-12-07T12:00:00.005Z";
    const workflowId = sent[0].spans[0].id;
    expect(sent).toEqual([
      {
        type: "trace",
        id: trace.id,
        trace_id: trace.id,
        name: "support",
        input: "Where is my order?",
        output: "It shipped.",
        status_code: 200,
        created_at: started,
        user_metadata: { user: "u1" },
        tags: ["prod"],
        metrics: { duration_ns: 17_000_000 },
        spans: [
          {
            type: "workflow",
            id: expect.any(String),
            trace_id: trace.id,
            parent_id: trace.id,
            name: "agent loop",
            input: "Where is my order?",
            output: "It shipped.",
            created_at: inner,
            metrics: { duration_ns: 10_000_000 },
            spans: [
              {
                type: "retriever",
                id: expect.any(String),
                trace_id: trace.id,
                parent_id: workflowId,
                name: "orders",
                input: "order 42",
                output: [{ page_content: "order 42 shipped", metadata: { source: "db" } }],
                created_at: inner,
              },
              {
                type: "llm",
                id: expect.any(String),
                trace_id: trace.id,
                parent_id: workflowId,
                name: "",
                input: [{ role: "user", content: "Where is my order?" }],
                output: { role: "assistant", content: "It shipped." },
                model: "gpt-4o",
                temperature: 0,
                created_at: inner,
                metrics: { num_input_tokens: 12, num_output_tokens: 3, num_total_tokens: 15, duration_ns: 2_000_000 },
              },
              {
                type: "tool",
                id: expect.any(String),
                trace_id: trace.id,
                parent_id: workflowId,
                name: "lookup",
                input: '{"id":42}',
                output: "shipped",
                tool_call_id: "call_1",
                created_at: inner,
              },
            ],
          },
        ],
      },
    ]);
    const ids = [trace.id, workflowId, ...sent[0].spans[0].spans.map((span: { id: string }) => span.id)];
    expect(new Set(ids).size).toBe(5);
  });

  it("sends the trace as it was concluded, and only concluded traces", async () => {
    const { galileo, log } = await setup();
    const metadata = { step: "before" };
    log.startTrace("a", { name: "done", user_metadata: metadata });
    log.conclude({ output: "b" });
    metadata.step = "after";
    log.startTrace("c", { name: "open" });
    await log.flush();
    expect(galileo.traces.map((trace) => [trace.name, trace.user_metadata])).toEqual([["done", { step: "before" }]]);
    expect(log.currentTrace()?.concluded).toBe(false);
  });

  it("conclude_all closes every open span and the trace; agent spans nest as workflows do", async () => {
    const { galileo, log } = await setup();
    log.startTrace("q");
    log.addAgentSpan({ input: "q", name: "planner" });
    log.addWorkflowSpan({ input: "step", name: "step" });
    log.conclude({ output: "done", conclude_all: true });
    await log.flush();
    const [trace] = galileo.traces;
    expect(trace.output).toBe("done");
    expect(trace.spans[0]).toMatchObject({ type: "agent", agent_type: "default", name: "planner", output: "done" });
    expect(trace.spans[0].spans[0]).toMatchObject({ type: "workflow", name: "step", output: "done", spans: [] });
  });

  it("traces built through their handles interleave, each nesting its own spans", async () => {
    const { galileo, log } = await setup();
    const a = log.startTrace("a", { name: "a" });
    const b = log.startTrace("b", { name: "b" });
    a.addToolSpan({ input: "x", name: "a-tool" });
    b.addToolSpan({ input: "y", name: "b-tool" });
    b.conclude();
    a.conclude();
    await log.flush();
    expect(galileo.traces.map((trace) => [trace.name, trace.spans.map((span: { name: string }) => span.name)])).toEqual([
      ["b", ["b-tool"]],
      ["a", ["a-tool"]],
    ]);
  });

  it("needs one project and one log stream, by name or id", async () => {
    const { galileo } = await setup();
    const client = createGalileoClient({ apiKey: KEY, baseUrl: galileo.origin });
    const make = (options: object) => () => createGalileoLogger(client, options as GalileoLoggerOptions);
    expect(make({ logStream: "production" })).toThrow(/one of project \(a name\) and projectId/);
    expect(make({ project: "shop", projectId: PROJECT_ID, logStream: "production" })).toThrow(/one of project/);
    expect(make({ project: "shop" })).toThrow(/one of logStream \(a name\) and logStreamId/);
    expect(make({ project: "shop", logStreamId: LOG_STREAM_ID })).not.toThrow();
    // A throwing client serves as well.
    createGalileoLogger(createGalileoClient({ apiKey: KEY, baseUrl: galileo.origin, throwOnError: true }), {
      projectId: PROJECT_ID,
      logStreamId: LOG_STREAM_ID,
    });
  });

  it("ready() waits for room in the queue, and resolves once batches are taken", async () => {
    const { log } = await setup({}, { maxBatchBytes: 2000, maxQueuedBytes: 2000, flushIntervalMs: 60_000 });
    await log.ready();
    traces(log, 3);
    let ready = false;
    const waiting = log.ready().then(() => (ready = true));
    expect(ready).toBe(false);
    await log.flush();
    await waiting;
    expect(ready).toBe(true);
  });

  it("refuses spans with no open trace, and spans on a concluded one", async () => {
    const { log } = await setup();
    expect(() => log.addLlmSpan({ input: [] })).toThrow(GalaxiomError);
    const trace = log.startTrace("q");
    trace.conclude();
    expect(() => trace.addToolSpan({ input: "x" })).toThrow(/concluded/);
    expect(() => trace.conclude()).toThrow(/already concluded/);
    expect(() => log.conclude()).toThrow(/no trace is open/);
  });

  it("batches many traces into few POSTs, by maxBatchSize", async () => {
    const { galileo, log } = await setup({}, { maxBatchSize: 40 });
    traces(log, 100);
    await log.flush();
    expect(galileo.traceRequests().map((request) => request.body.traces.length)).toEqual([40, 40, 20]);
    expect(names(galileo.traces).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `t${i}`).sort());
    expect(log.stats()).toEqual({ queuedBytes: 0, acknowledged: 100, lost: 0, dropped: 0 });
  });

  it("sends by the interval without a flush", async () => {
    const clock = manualClock();
    const { galileo, log } = await setup({}, { clock, flushIntervalMs: 500 });
    traces(log, 3);
    await clock.advance(499);
    expect(galileo.traceRequests()).toHaveLength(0);
    await clock.advance(1);
    await log.flush();
    expect(galileo.traceRequests()).toHaveLength(1);
  });

  it("retries 503 and 429: none lost, none duplicated when the server answered", async () => {
    const { galileo, log, errors } = await setup({ faults: [503, 429, 200, 503] }, { maxBatchSize: 5, concurrency: 1 });
    traces(log, 10);
    await log.flush();
    expect(errors).toEqual([]);
    expect(galileo.traceRequests()).toHaveLength(5);
    expect(names(galileo.traces)).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`));
  });

  it("a batch whose answer was lost is sent again: at-least-once, so Galileo may take it twice", async () => {
    const { galileo, log, errors } = await setup({ faults: ["reset after applying"] });
    traces(log, 2);
    await log.flush();
    expect(errors).toEqual([]);
    expect(galileo.traceRequests()).toHaveLength(2);
    expect(names(galileo.traces)).toEqual(["t0", "t1", "t0", "t1"]);
  });

  it("retry: false sends each batch once", async () => {
    const { galileo, log } = await setup({ faults: [503] }, { retry: false });
    traces(log, 1);
    await expect(log.flush()).rejects.toThrow(/1 traces lost/);
    expect(galileo.traceRequests()).toHaveLength(1);
  });

  it("a final failure is reported to onError with the count, and flush rejects", async () => {
    const { galileo, log, errors } = await setup({ faults: [400] }, { maxBatchSize: 3, concurrency: 1 });
    traces(log, 5);
    const failure = await log.flush().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).lost).toBe(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.lost).toBe(3);
    expect(errors[0]!.message).toMatch(/galileo logger: 3 traces lost/);
    expect(galileo.traces).toHaveLength(2);
    await expect(log.flush()).resolves.toBeUndefined();
  });

  it("resolves the project and log stream once for concurrent first batches", async () => {
    let open!: () => void;
    const lookupGate = new Promise<void>((resolve) => (open = resolve));
    const { galileo, log, errors } = await setup({ lookupGate }, { maxBatchSize: 2, concurrency: 4 });
    traces(log, 8);
    const flushed = log.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    open();
    await flushed;
    traces(log, 2, 8);
    await log.flush();
    expect(errors).toEqual([]);
    const lookups = galileo.requests.filter((request) => !request.path.endsWith("/traces")).map((request) => request.path);
    expect(lookups).toEqual(["/v2/projects/paginated", `/v2/projects/${PROJECT_ID}/log_streams/search`]);
    expect(galileo.requests.find((request) => request.path == "/v2/projects/paginated")!.body.filters).toEqual([
      { name: "name", operator: "eq", value: "shop", case_sensitive: true },
    ]);
    expect(galileo.traces).toHaveLength(10);
  });

  it("ids given are used as they are: no lookup", async () => {
    const { galileo, log } = await setup({}, { project: undefined, logStream: undefined, projectId: PROJECT_ID, logStreamId: LOG_STREAM_ID });
    traces(log, 1);
    await log.flush();
    expect(galileo.requests.map((request) => request.path)).toEqual([`/v2/projects/${PROJECT_ID}/traces`]);
  });

  it("an unknown project name is a clear error: onError, and flush rejects; nothing is created", async () => {
    const { galileo, log, errors } = await setup({}, { project: "nope" });
    traces(log, 2);
    const failure = (await log.flush().catch((error: unknown) => error)) as DeliveryError;
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure.lost).toBe(2);
    expect(failure.message).toContain('no Galileo project is named "nope"');
    expect(errors[0]!.cause).toBeInstanceOf(GalaxiomError);
    expect(galileo.requests.some((request) => request.path == "/v2/projects")).toBe(false);
    expect(galileo.traceRequests()).toHaveLength(0);
  });

  it("an unknown log stream name is a clear error too", async () => {
    const { log } = await setup({}, { logStream: "staging" });
    traces(log, 1);
    await expect(log.flush()).rejects.toThrow(/no log stream named "staging"/);
  });

  it("with create: true, a missing project and log stream are created, once", async () => {
    const { galileo, log, errors } = await setup({ projects: {}, logStreams: {} }, { project: "new-app", logStream: "dev", create: true });
    traces(log, 2);
    await log.flush();
    traces(log, 1, 2);
    await log.flush();
    expect(errors).toEqual([]);
    const created = galileo.requests.filter((request) => request.path == "/v2/projects" || request.path.endsWith("/log_streams"));
    expect(created.map((request) => request.body)).toEqual([{ name: "new-app", type: "gen_ai", create_example_templates: false }, { name: "dev" }]);
    expect(galileo.traces).toHaveLength(3);
  });

  it("startSession creates a session; traces started after it carry its id, in batches of their own", async () => {
    const { galileo, log } = await setup();
    traces(log, 1);
    expect(await log.startSession({ name: "chat 1", external_id: "ext-1" })).toBe(SESSION_ID);
    traces(log, 2, 1);
    await log.flush();
    const session = galileo.requests.find((request) => request.path.endsWith("/sessions"))!;
    expect(session.body).toEqual({ name: "chat 1", external_id: "ext-1", log_stream_id: LOG_STREAM_ID, logging_method: "api_direct", reliable: true });
    const batches = galileo
      .traceRequests()
      .map((request) => [request.body.session_id, request.body.traces.map((trace: { session_id?: string }) => trace.session_id)]);
    expect(batches).toEqual([
      [undefined, [undefined]],
      [SESSION_ID, [SESSION_ID, SESSION_ID]],
    ]);
  });

  it("a sessionId option puts every trace in that session", async () => {
    const { galileo, log } = await setup({}, { sessionId: "s-given" });
    traces(log, 1);
    log.setSessionId(undefined);
    traces(log, 1, 1);
    await log.flush();
    expect(galileo.traceRequests().map((request) => request.body.session_id)).toEqual(["s-given", undefined]);
  });

  it("never shows the API key: a server echoing it in an error body", async () => {
    const echo = (request: { headers: Record<string, unknown> }, response: Parameters<typeof answer>[0]) =>
      answer(response, 400, { detail: `bad key ${request.headers["galileo-api-key"]}` });
    const { log, errors, logger, clientLogger } = await setup({ faults: [echo] });
    traces(log, 1);
    const failure = (await log.flush().catch((error: unknown) => error)) as DeliveryError;
    expect(failure).toBeInstanceOf(DeliveryError);
    const seen = JSON.stringify([
      failure.message,
      String(failure.cause),
      ...errors.map((error) => [error.message, String(error.cause), JSON.stringify((error.cause as { body?: unknown })?.body)]),
      logger.lines,
      clientLogger.lines,
    ]);
    expect(seen).toContain("bad key");
    expect(seen).not.toContain(KEY);
  });

  it("bounds memory: traces past maxQueuedBytes are dropped, counted and reported", async () => {
    const { log, errors } = await setup({}, { maxBatchBytes: 1000, maxQueuedBytes: 1000, maxBatchSize: 1000 });
    traces(log, 20);
    await log.flush().catch(() => {});
    expect(log.stats().dropped).toBeGreaterThan(0);
    expect(errors.some((error) => /dropped/.test(error.message))).toBe(true);
  });
});
