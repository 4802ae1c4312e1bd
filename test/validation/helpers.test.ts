import { describe, expect, it } from "vitest";
import { queryAxiom } from "../../src/axiom/query.js";
import { createAxiomClient, createAxiomIngest, createGalileoClient, createGalileoLogger, type DeliveryError } from "../../src/index.js";
import { axiomValidation, galileoValidation, ResponseValidationError } from "../../src/validation/index.js";
import { answer, useFakeAxiom } from "../helpers/fake-axiom.js";
import { useFakeGalileo } from "../helpers/fake-galileo.js";
import { KEY } from "../helpers/galileo.js";

// The helpers go through the same call as raw calls, so `validate` covers them too: against fakes that answer as the
// spec says, "throw" changes nothing; against one that drifts, the helper fails with the validation error.
const fakeAxiom = useFakeAxiom();
const fakeGalileo = useFakeGalileo();
const TOKEN = "xaat-validate-0123456789abcdef";
const [min, max] = ["2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"];
const status = {
  blocksExamined: 1,
  cacheStatus: 1,
  elapsedTime: 3,
  isPartial: false,
  minBlockTime: min,
  maxBlockTime: max,
  numGroups: 0,
  rowsExamined: 1,
  rowsMatched: 1,
};
const table = { name: "0", sources: [{ name: "logs" }], fields: [{ name: "n", type: "integer" }], order: [], groups: [], columns: [[1]] };

describe("helpers with validate: throw and the package's validation", () => {
  it("Axiom ingest delivers against a conforming fake", async () => {
    const axiom = await fakeAxiom();
    const errors: DeliveryError[] = [];
    const client = createAxiomClient({ token: TOKEN, baseUrl: axiom.origin, validate: "throw", validation: axiomValidation });
    const ingest = createAxiomIngest(client, { onError: (error) => errors.push(error) });
    ingest.ingest("logs", [{ n: 1 }, { n: 2 }]);
    await ingest.flush();
    expect(errors).toEqual([]);
    expect(axiom.applied.get("logs")).toHaveLength(2);
  });

  it("queryAxiom: a result as Axiom sends it passes (the overlay types its cells as any value); a drifted one rejects", async () => {
    // Axiom's document says each cell of V1Table.columns is an object, while its cells are scalars, as its own
    // example shows: specs/axiom/overlay.yaml makes them any value.
    const replies = [
      { format: "tabular", datasetNames: ["logs"], status, tables: [table] },
      { format: "tabular", datasetNames: ["logs"], status, tables: "none" },
    ];
    const axiom = await fakeAxiom([], (_, __, response) => answer(response, 200, replies.shift()));
    const client = createAxiomClient({ token: TOKEN, baseUrl: axiom.origin, validate: "throw", validation: axiomValidation });
    expect([...(await queryAxiom(client, "['logs']")).rows()]).toEqual([{ n: 1 }]);
    const error = await queryAxiom(client, "['logs']").catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toBe("POST /v1/datasets/_apl → 200: /tables: expected array, got string");
  });

  it("the Galileo logger looks up its project and log stream and sends traces against a conforming fake", async () => {
    const galileo = await fakeGalileo();
    const errors: DeliveryError[] = [];
    const client = createGalileoClient({ apiKey: KEY, baseUrl: galileo.origin, validate: "throw", validation: galileoValidation });
    const log = createGalileoLogger(client, { project: "shop", logStream: "production", onError: (error) => errors.push(error) });
    log.startTrace("question", { name: "t" });
    log.addLlmSpan({ input: [{ role: "user", content: "q" }], output: { role: "assistant", content: "a" }, model: "gpt-4o" });
    log.conclude({ output: "a" });
    await log.flush();
    expect(errors).toEqual([]);
    expect(galileo.traces).toHaveLength(1);
  });
});
