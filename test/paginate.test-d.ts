import { describe, expectTypeOf, it } from "vitest";
import { pagination as axiomPagination } from "../generated/axiom.pagination.js";
import { pagination as galileoPagination, type Paginated } from "../generated/galileo.pagination.js";
import { createAxiomClient, createGalileoClient, type AxiomSchemas, type GalileoSchemas } from "../src/index.js";
import { paginate, type Page } from "../src/paginate.js";

const galileo = createGalileoClient({ apiKey: "gk-types" });
const axiom = createAxiomClient({ token: "xaat-types" });
const TRACES = "POST /v2/projects/{project_id}/traces/search";
const search = { params: { path: { project_id: "p" } }, body: { limit: 10, truncate_fields: true, include_counts: false } };

describe("paginate's types", () => {
  it("yields the element type of the list the table names, as a raw call of the operation types it", async () => {
    const { data } = await galileo.POST("/v2/projects/{project_id}/traces/search", {
      ...search,
      body: { ...search.body, starting_token: 0 },
      throwOnError: true,
    });
    type Record = NonNullable<typeof data.records>[number];
    for await (const record of paginate(galileo, galileoPagination, TRACES, search)) expectTypeOf(record).toEqualTypeOf<Record>();
    // The spec's record union, as a schema (the response type is openapi-fetch's readable view of it).
    type Schema = NonNullable<GalileoSchemas["LogRecordsQueryResponse"]["records"]>[number];
    expectTypeOf<Record>().toExtend<Schema>();
    expectTypeOf<Schema>().toExtend<Record>();

    expectTypeOf(await paginate(galileo, galileoPagination, "GET /v2/datasets").all({ max: 5 })).toEqualTypeOf<GalileoSchemas["DatasetDB"][]>();
    // An Axiom list is the response itself.
    expectTypeOf(await paginate(axiom, axiomPagination, "GET /v2/dashboards").all()).toEqualTypeOf<AxiomSchemas["DashboardResource"][]>();
  });

  it("gives pages their items, the parsed body and the raw response", async () => {
    for await (const page of paginate(galileo, galileoPagination, "GET /v2/groups").pages()) {
      expectTypeOf(page).toEqualTypeOf<Page<GalileoSchemas["GroupDB"], GalileoSchemas["ListGroupsResponse"]>>();
    }
  });

  it("takes only the operations the table lists", () => {
    expectTypeOf<"GET /v2/datasets">().toExtend<Paginated>();
    expectTypeOf<"GET /v2/token">().not.toExtend<Paginated>();
    // @ts-expect-error: GET /v2/token has no pages
    paginate(galileo, galileoPagination, "GET /v2/token");
    // @ts-expect-error: Axiom's tokens list is not paginated either
    paginate(axiom, axiomPagination, "GET /v2/tokens");
  });

  it("takes the operation's init, with the token optional and the call options, and requires what the operation requires", () => {
    paginate(galileo, galileoPagination, TRACES, { ...search, signal: new AbortController().signal, timeout: 5_000 });
    // A caller's token resumes from there.
    paginate(galileo, galileoPagination, TRACES, { ...search, body: { ...search.body, starting_token: 200 } });
    // @ts-expect-error: the project is a path parameter the operation requires
    paginate(galileo, galileoPagination, TRACES);
    // @ts-expect-error: the token is the spec's integer
    paginate(galileo, galileoPagination, "GET /v2/datasets", { params: { query: { starting_token: "abc" } } });
    // @ts-expect-error: every page throws on an error status; that is not the caller's to change
    paginate(galileo, galileoPagination, "GET /v2/datasets", { throwOnError: false });
  });
});
