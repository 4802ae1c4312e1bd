import type { MaybeOptionalInit } from "openapi-fetch";
import type { ApiClient, CallResult } from "./core/client-types.js";
import type { CallOptions } from "./core/options.js";
import { GalaxiomError, type Operation } from "./errors.js";

/** Where a request takes a page's position: a query parameter, or a property of its JSON body. */
export interface PageField {
  readonly in: "query" | "body";
  readonly name: string;
}

/**
 * How an operation pages, as generated/<api>.pagination.ts lists it (scripts/generate/emit-pagination.ts finds
 * it): by a token each response hands back in `next` (Galileo), or by an offset advanced past the items received,
 * until a page comes back shorter than its `limit` (Axiom). `items` names the array of the response that holds
 * the items; without it the response is that array.
 */
export type Pagination = { readonly items?: string } & (
  | { readonly token: PageField; readonly next: string }
  | { readonly offset: PageField; readonly limit: PageField & { readonly default: number; readonly maximum?: number } }
);

/** The operation a pagination key ("POST /v2/…") names in `Paths`. */
type OperationOf<Paths, Key> = Key extends `${infer Method} ${infer Path extends keyof Paths & string}`
  ? Paths[Path][Lowercase<Method> & keyof Paths[Path]]
  : never;

/** The body property an entry puts the page's token in, if any. */
type BodyField<Entry> = Entry extends { readonly token: { readonly in: "body"; readonly name: infer Name } } ? Name : never;

/** The init with the body property `Name` optional: openapi-typescript makes a property with a default required. */
type Loosened<Init, Name> = [Name] extends [never]
  ? Init
  : {
      [K in keyof Init]: K extends "body"
        ? Init[K] extends object
          ? Omit<Init[K], Name & keyof Init[K]> & Partial<Pick<Init[K], Name & keyof Init[K]>>
          : Init[K]
        : Init[K];
    };

/** What every page's request is sent with: the operation's init (params, body), its token optional, and the call options. */
type PageInit<Paths, Key, Entry> = Key extends `${infer Method} ${infer Path extends keyof Paths & string}`
  ? Loosened<MaybeOptionalInit<Paths[Path], Lowercase<Method> & keyof Paths[Path]>, BodyField<Entry>> & CallOptions
  : never;

/**
 * `paginate`'s init parameter, optional when the operation requires nothing. Distributed over the keys: a key the
 * table doesn't list then reads as that, rather than as a missing init.
 */
export type PageParams<Paths, Table, Key extends keyof Table> = Key extends unknown ? OptionalWhenEmpty<PageInit<Paths, Key, Table[Key]>> : never;
type RequiredKeysOf<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];
type OptionalWhenEmpty<Init> = RequiredKeysOf<Init> extends never ? [Init?] : [Init];

/** A page's parsed body: the operation's success response. */
type PageData<Paths, Key> =
  OperationOf<Paths, Key> extends infer Operation extends Record<string | number, unknown>
    ? CallResult<Operation, { throwOnError: true }, true>["data"]
    : never;

/** One item of a page: an element of the array the table names, or of the response itself. */
type PageItem<Data, Entry> = (
  Entry extends { readonly items: infer Name extends string }
    ? Data extends unknown
      ? NonNullable<Data[Name & keyof Data]>
      : never
    : Data
) extends readonly (infer Item)[]
  ? Item
  : never;

/** What `paginate` returns for `Key` of `Table` over `Paths`: named, so that wrappers declare it. */
export type PaginatorOf<Paths, Table, Key extends keyof Table> = Paginator<PageItem<PageData<Paths, Key>, Table[Key]>, PageData<Paths, Key>>;

/** One page: its items, the parsed body they came in, and the raw response (for headers, say). */
export interface Page<Item, Data> {
  items: Item[];
  data: Data;
  response: Response;
}

/**
 * The items of every page, fetched one page at a time as they are asked for: `for await` over it, or over
 * `pages()`, or collect them with `all()`. Each iteration starts again from the first page. Leaving the loop
 * (`break`, `return`, a throw) fetches nothing more; a page's request is sent with the init's `signal`, so
 * an abort ends the iteration with an AbortError at the latest when the next page is due.
 */
export interface Paginator<Item, Data> extends AsyncIterable<Item> {
  pages(): AsyncGenerator<Page<Item, Data>, void, undefined>;
  /** Every item, in order; with `max`, at most that many, and no page is fetched past the one that reaches it. */
  all(options?: { max?: number }): Promise<Item[]>;
}

type Init = { params?: { query?: Record<string, unknown> }; body?: unknown; [option: string]: unknown };
type Client = { request(method: string, path: string, init: object): Promise<{ data?: unknown; response: Response }> };

/**
 * The items of a paginated operation's list, every page of it: `key` is the operation as `table` (its API's
 * generated/<api>.pagination.ts) lists it, and `init` what a call of it takes, sent with every page, with the
 * page's position set. Each page is a call of `client`, with its retries, timeouts and credentials, that throws
 * on an error status (the ApiError subclass), whatever the client's `throwOnError`.
 */
export function paginate<Paths extends {}, Table extends Record<string, Pagination>, Key extends keyof Table & string>(
  client: ApiClient<Paths, boolean>,
  table: Table,
  key: Key,
  ...[init]: PageParams<Paths, Table, Key>
): Paginator<PageItem<PageData<Paths, Key>, Table[Key]>, PageData<Paths, Key>> {
  const entry: Pagination | undefined = Object.hasOwn(table, key) ? table[key] : undefined;
  // An unknown key compiles only from JavaScript or through a cast: a mistake, not a failure of the call.
  if (!entry) throw new GalaxiomError(`paginate: ${JSON.stringify(key)} is not an operation whose list comes in pages`);
  const space = key.indexOf(" ");
  const operation = { method: key.slice(0, space), path: key.slice(space + 1) };
  return paginator(client as unknown as Client, entry, operation, (init ?? {}) as Init) as Paginator<never, never>;
}

/** The pages of one operation's list, as a generator that fetches each when it is asked for, and what reads them. */
function paginator(client: Client, entry: Pagination, operation: Operation, init: Init): Paginator<unknown, unknown> {
  const field = "token" in entry ? entry.token : entry.offset;
  const pages = async function* () {
    let position = read(init, field);
    let pageInit = init;
    // By offset only: the page size asked for, always sent, so that a shorter page is known to be the last.
    let limit = Infinity;
    if ("limit" in entry) {
      limit = (read(init, entry.limit) as number | undefined) ?? entry.limit.default;
      // A server that lowered it would answer a full page shorter than asked, which reads as the last page.
      if (limit > (entry.limit.maximum ?? Infinity)) {
        throw new GalaxiomError(`paginate: ${entry.limit.name} ${limit} is above the spec's maximum, ${entry.limit.maximum}`, operation);
      }
      pageInit = written(init, entry.limit, limit);
    }
    // The tokens already sent: a server handing one back again would have the same pages fetched forever.
    const sent = new Set([position]);
    for (;;) {
      const { data, response } = await client.request(operation.method.toLowerCase(), operation.path, {
        ...written(pageInit, field, position),
        throwOnError: true,
      });
      const body = data as Record<string, unknown> | undefined;
      // Galileo leaves the list out of an empty page.
      const items = entry.items === undefined ? data : (body?.[entry.items] ?? []);
      if (!Array.isArray(items)) throw new GalaxiomError(`paginate: the response holds no list${entry.items ? ` in \`${entry.items}\`` : ""}`, operation);
      yield { items, data, response };
      if ("token" in entry) {
        position = body?.[entry.next];
        if (position == null) return;
        if (sent.has(position)) {
          throw new GalaxiomError(
            `paginate: the server answered \`${entry.next}\` ${JSON.stringify(position)} again; stopping rather than fetching the same pages forever`,
            operation,
          );
        }
        sent.add(position);
      } else {
        // An empty page ends the list whatever its limit: with a limit of 0, the offset would never move.
        if (items.length == 0 || items.length < limit) return;
        position = ((position as number | undefined) ?? 0) + items.length;
      }
    }
  };
  const each = async function* () {
    for await (const page of pages()) yield* page.items;
  };
  return {
    pages,
    [Symbol.asyncIterator]: each,
    async all({ max = Infinity } = {}) {
      if (!(max >= 0 && (Number.isInteger(max) || max == Infinity))) throw new GalaxiomError(`paginate: max must be a whole number ≥ 0, not ${max}`, operation);
      const items: unknown[] = [];
      if (max > 0) {
        for await (const item of each()) {
          // Leaving the loop here ends the iteration before the next page is fetched.
          if (items.push(item) >= max) break;
        }
      }
      return items;
    },
  };
}

/** The value the init gives a pagination field, if any. */
function read(init: Init, field: PageField): unknown {
  const holder = field.in == "query" ? init.params?.query : init.body;
  return (holder as Record<string, unknown> | undefined)?.[field.name];
}

/** A copy of the init with `value` at `field`; the init itself for no value, which leaves the server its default. */
function written(init: Init, field: PageField, value: unknown): Init {
  if (value === undefined) return init;
  return field.in == "query"
    ? { ...init, params: { ...init.params, query: { ...init.params?.query, [field.name]: value } } }
    : { ...init, body: { ...(init.body as object | undefined), [field.name]: value } };
}
