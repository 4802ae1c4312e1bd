import type { AxiomPaths, AxiomSchemas } from "../axiom.js";
import type { ApiClient } from "../core/client-types.js";
import type { CallOptions } from "../core/options.js";

/** What a query needs of an Axiom client, throwing or not: the call says `throwOnError` itself. */
export type QueryClient = Pick<ApiClient<AxiomPaths, boolean>, "POST">;

export type AplRequest = AxiomSchemas["V1APLRequestWithOptions"];
export type AplTable = AxiomSchemas["V1Table"];

/** The request's fields but `apl`, by the spec's names, and the call's options. */
export interface AplQueryOptions extends Omit<AplRequest, "apl" | "startTime" | "endTime">, CallOptions {
  /** Where the query starts: RFC 3339, a relative expression (`now-1h`), or a Date. */
  startTime?: string | Date;
  endTime?: string | Date;
  /** Skip Axiom's result cache (`nocache`). */
  noCache?: boolean;
}

/** The `X-QueryLimit-*` headers of the answer, as numbers, when Axiom sent them. */
export interface QueryLimits {
  limit: number | undefined;
  remaining: number | undefined;
  reset: number | undefined;
}

export interface AplResultTable<Row> extends AplTable {
  /** The table's rows, each a record by field name: the columns transposed as they are read. */
  rows(): IterableIterator<Row>;
}

export interface AplQueryResult<Row> extends Omit<AxiomSchemas["V1AplResult"], "tables"> {
  tables: AplResultTable<Row>[];
  /** The first table's rows (Axiom's result, `_totals` aside, is one table), each a record by field name. */
  rows(): IterableIterator<Row>;
  limits: QueryLimits;
  /** `X-Axiom-History-Query-Id`: the query in Axiom's history. */
  historyQueryId: string | undefined;
}

/**
 * Runs an APL query (`POST /v1/datasets/_apl`, tabular format) and returns Axiom's result with its tables
 * readable as rows. `Row` types the records; nothing checks it. An error status throws the ApiError, whose
 * message quotes Axiom's.
 */
export async function queryAxiom<Row extends Record<string, unknown> = Record<string, unknown>>(
  client: QueryClient,
  apl: string,
  options: AplQueryOptions = {},
): Promise<AplQueryResult<Row>> {
  const { startTime, endTime, noCache, retry, timeout, deadline, signal, fetch, ...request } = options;
  const { data, response } = await client.POST("/v1/datasets/_apl", {
    params: { query: { format: "tabular", nocache: noCache } },
    body: { ...request, apl, startTime: timeOf(startTime), endTime: timeOf(endTime) },
    // A query reads: it is a POST only because the APL goes in a body, so it is retried as a GET would be.
    retry: retry === false ? false : { ...retry, idempotent: true },
    timeout,
    deadline,
    signal,
    fetch,
    throwOnError: true,
  });
  const tables = (data.tables ?? []).map((table) => ({ ...table, rows: () => rowsOf<Row>(table) }));
  const { headers } = response;
  return {
    ...data,
    tables,
    rows: () => tables[0]?.rows() ?? [][Symbol.iterator](),
    limits: {
      limit: numberOf(headers, "x-querylimit-limit"),
      remaining: numberOf(headers, "x-querylimit-remaining"),
      reset: numberOf(headers, "x-querylimit-reset"),
    },
    historyQueryId: headers.get("x-axiom-history-query-id") ?? undefined,
  };
}

/** A tabular table's rows: `columns[j][i]` is field j of row i. */
function* rowsOf<Row>({ fields, columns = [] }: AplTable): Generator<Row, undefined> {
  const count = columns[0]?.length ?? 0;
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < fields.length; j++) row[fields[j]!.name] = columns[j]?.[i];
    yield row as Row;
  }
}

function timeOf(time: string | Date | undefined): string | undefined {
  return time instanceof Date ? time.toISOString() : time;
}

function numberOf(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  return value === null || value.trim() === "" || !Number.isFinite(Number(value)) ? undefined : Number(value);
}
