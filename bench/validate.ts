// What checking one response costs, on the shapes the vendors really send: galaxiom's generated validator next to
// ajv's compiled validator and zod 4 (`z.fromJSONSchema`) on the same schemas, in one run. Every validator must
// accept the payload first: a validator that fails early would look fast.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { z } from "zod";
import { median, table } from "./table.js";

const repo = path.resolve(import.meta.dirname, "..");
type Schema = Record<string, unknown>;
type Issue = { pointer: string; expected: string; actual: string };
type Check = (value: unknown, pointer: string, issues: Issue[]) => void;
type Validators = Record<string, { responses: Record<string, { content?: Record<string, Check | null> }> }>;

interface Case {
  name: string;
  api: "galileo" | "axiom";
  operation: string;
  schema: string;
  payload: unknown;
}

async function description(api: string): Promise<{ openapi: string; components: { schemas: Record<string, Schema> } }> {
  return parse(await readFile(path.join(repo, "generated", `${api}.openapi.yaml`), "utf8"));
}

/** A page of 100 traces, from the vendor's own example record of LogRecordsQueryResponse, each with its own ids. */
function tracePage(schemas: Record<string, Schema>): unknown {
  const [example] = schemas.LogRecordsQueryResponse!.examples as Array<{ records: Array<Record<string, unknown>> }>;
  const trace = example!.records.find((record) => record.type == "trace")!;
  const records = Array.from({ length: 100 }, (_, i) => ({ ...structuredClone(trace), id: `7b1f3c2e-9a4d-4c1b-8e2f-${String(i).padStart(12, "0")}` }));
  // What FastAPI sends: every field, defaults included (the example leaves some out).
  return { ...example, starting_token: 0, limit: 100, paginated: true, records, num_records: records.length, next_starting_token: 100 };
}

/** An APL tabular result of 10,000 rows: the vendor's example of V1AplResult, its three rows repeated. */
function aplTable(schemas: Record<string, Schema>): unknown {
  const example = structuredClone(schemas.V1AplResult!.example) as { tables: Array<{ columns: unknown[][] }> };
  for (const table of example.tables) table.columns = table.columns.map((column) => Array.from({ length: 10_000 }, (_, i) => column[i % column.length]));
  return example;
}

/**
 * An APL result in the legacy format, 10,000 matching events: each event's row id and timestamps are checked (the
 * tabular format's cells are any value, so checking it is mostly its envelope).
 */
function aplMatches(schemas: Record<string, Schema>): unknown {
  const example = structuredClone(schemas.V1AplResult!.example) as Record<string, unknown>;
  const matches = Array.from({ length: 10_000 }, (_, i) => ({
    _rowId: `0d8q6stroluyo-07c3957e7400015c-${String(i).padStart(8, "0")}`,
    _sysTime: "2025-03-26T12:12:42.68112905Z",
    _time: "2025-03-26T12:12:42Z",
    data: { method: "GET", status: "200", req_duration_ms: 1.39, geo: { city: "Nevers", country: "France" } },
  }));
  const { tables: _, ...rest } = example;
  return { ...rest, format: "legacy", matches };
}

/**
 * The schema as one JSON Schema document for ajv and zod: the components under `key`, references pointed there.
 * zod reads an OpenAPI 3.0 document's components from `definitions` only.
 */
function jsonSchema(schemas: Record<string, Schema>, name: string, key: "$defs" | "definitions"): Schema {
  const text = JSON.stringify({ $ref: `#/${key}/${name}`, [key]: schemas }).replaceAll('"#/components/schemas/', `"#/${key}/`);
  return JSON.parse(text);
}

function timeOf(run: () => void, budgetMs = 1500): number {
  for (let i = 0; i < 20; i++) run();
  const samples: number[] = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end) {
    const start = performance.now();
    for (let i = 0; i < 10; i++) run();
    samples.push((performance.now() - start) / 10);
  }
  return median(samples);
}

export async function run(): Promise<void> {
  const galileo = await description("galileo");
  const axiom = await description("axiom");
  const cases: Case[] = [
    {
      name: "Galileo trace search, 100 traces",
      api: "galileo",
      operation: "POST /v2/projects/{project_id}/traces/search",
      schema: "LogRecordsQueryResponse",
      payload: tracePage(galileo.components.schemas),
    },
    {
      name: "Axiom APL tabular result, 10,000 rows",
      api: "axiom",
      operation: "POST /v1/datasets/_apl",
      schema: "V1AplResult",
      payload: aplTable(axiom.components.schemas),
    },
    {
      name: "Axiom APL legacy result, 10,000 events",
      api: "axiom",
      operation: "POST /v1/datasets/_apl",
      schema: "V1AplResult",
      payload: aplMatches(axiom.components.schemas),
    },
  ];
  const rows: string[][] = [];
  for (const test of cases) {
    const document = test.api == "galileo" ? galileo : axiom;
    const { validators } = (await import(path.join(repo, "generated", `${test.api}.validators.ts`))) as { validators: Validators };
    const check = validators[test.operation]!.responses["200"]!.content!["application/json"]!;
    const is31 = document.openapi.startsWith("3.1");
    // OpenAPI 3.0's `nullable` is ajv's own keyword; 3.1 is JSON Schema 2020-12. ajv's discriminator support
    // refuses `mapping`, so its oneOf tries each branch. Pydantic's `uuid4` format is checked as a uuid; Go's
    // uint64 and the like are left unchecked, as galaxiom leaves them.
    const options = { strict: false, discriminator: false, logger: false } as const;
    const ajv = is31 ? new Ajv2020(options) : new Ajv(options);
    addFormats.default(ajv);
    ajv.addFormat("uuid4", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const ajvCheck = ajv.compile(jsonSchema(document.components.schemas, test.schema, "$defs"));
    const zod = is31
      ? z.fromJSONSchema(jsonSchema(document.components.schemas, test.schema, "$defs") as never, { defaultTarget: "draft-2020-12" })
      : z.fromJSONSchema(jsonSchema(document.components.schemas, test.schema, "definitions") as never, { defaultTarget: "openapi-3.0" });

    const issues: Issue[] = [];
    check(test.payload, "", issues);
    const verdicts = { galaxiom: issues.length == 0, ajv: ajvCheck(test.payload), zod: zod.safeParse(test.payload).success };
    const refused = Object.entries(verdicts).filter(([, ok]) => !ok);
    if (refused.length > 0) {
      const why = [
        issues[0] && `galaxiom: ${issues[0].pointer} ${issues[0].expected}/${issues[0].actual}`,
        ajvCheck.errors?.[0] && `ajv: ${ajv.errorsText([ajvCheck.errors[0]])}`,
      ];
      throw new Error(`${test.name}: ${refused.map(([name]) => name).join(", ")} refused the payload (${why.filter(Boolean).join("; ")})`);
    }
    const times = {
      galaxiom: timeOf(() => check(test.payload, "", [])),
      ajv: timeOf(() => ajvCheck(test.payload)),
      zod: timeOf(() => zod.safeParse(test.payload)),
    };
    const bytes = JSON.stringify(test.payload).length;
    rows.push([
      test.name,
      `${(bytes / 1024).toFixed(0)} kB`,
      `${(times.galaxiom * 1000).toFixed(0)} µs`,
      `${(times.ajv * 1000).toFixed(0)} µs`,
      `${(times.zod * 1000).toFixed(0)} µs`,
      `${(times.galaxiom / times.ajv).toPrecision(2)}×`,
      `${(times.galaxiom / times.zod).toPrecision(2)}×`,
      times.galaxiom <= times.ajv && times.galaxiom < times.zod ? "met" : "**missed**",
    ]);
  }
  console.log("Time to check one parsed response (median of 10-call batches over 1.5 s, after warm-up):\n");
  console.log(table(["payload", "JSON", "galaxiom", "ajv 8 (compiled)", "zod 4", "galaxiom ÷ ajv", "galaxiom ÷ zod", "target: ≤ ajv, < zod"], rows));
}
