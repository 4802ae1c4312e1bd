import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inspectDocument } from "../../scripts/lib/document-bounds.js";
import { loadSpecFromString } from "../../scripts/lib/load-spec.js";
import { checkRefCycles } from "../../scripts/lib/ref-cycles.js";
import { spec } from "../helpers/hostile.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const check = (schemas: Record<string, unknown>) => {
  const document = { openapi: "3.0.3", info: { title: "T", version: "1" }, paths: {}, components: { schemas } };
  const sites = inspectDocument(document, { file: "vendor.json", characters: 1000 });
  return () => checkRefCycles(new Map([["/specs/vendor.json", { parsed: document, sites }]]), "/specs/vendor.json", "vendor.json");
};

describe("checkRefCycles", () => {
  it("names the pointer of the $ref that starts a cycle, and the cycle", () => {
    expect(check({ Entry: ref("A"), A: ref("B"), B: { ...ref("A"), description: "siblings don't help" } })).toThrow(
      "vendor.json #/components/schemas/A/$ref: $ref cycle: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A",
    );
  });

  it("refuses a schema that is only a reference to itself", () => {
    expect(check({ Self: ref("Self") })).toThrow(
      "vendor.json #/components/schemas/Self/$ref: $ref cycle: #/components/schemas/Self → #/components/schemas/Self",
    );
  });

  it("accepts recursive schemas and chains that end", () => {
    expect(
      check({ Tree: { type: "object", properties: { children: { type: "array", items: ref("Tree") } } }, Alias: ref("Other"), Other: ref("Tree") }),
    ).not.toThrow();
  });
});

describe("a $ref cycle through other files", () => {
  it('is located in the file where the loop starts, not left as Redocly\'s bare "circular pointer"', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "galaxiom-cycles-"));
    try {
      await writeFile(path.join(folder, "loop-a.yaml"), "$ref: 'loop-b.yaml'\n");
      await writeFile(path.join(folder, "loop-b.yaml"), "$ref: 'loop-a.yaml#'\n");
      const loading = loadSpecFromString(spec("components:\n  schemas:\n    A: {$ref: 'loop-a.yaml'}\n"), path.join(folder, "vendor.yaml"));
      const a = path.relative(process.cwd(), path.join(folder, "loop-a.yaml"));
      const b = path.relative(process.cwd(), path.join(folder, "loop-b.yaml"));
      await expect(loading).rejects.toThrow(`${a} #/$ref: $ref cycle: ${a}# → ${b}# → ${a}#`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
