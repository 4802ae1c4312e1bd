import { expect, it } from "vitest";
import { createAxiomClient } from "../../src/index.js";
import { createValidation } from "../../src/validation/index.js";
import { json, observedFetch } from "../helpers/fetch.js";
import { recordingLogger } from "../helpers/logger.js";
import { validators } from "./table.js";

// A file of its own: the registry of reported issues is the process's (the module's), and this fills it.
it("warn mode reports at most 1,000 distinct issues per process, says so once, then stays quiet", async () => {
  const logger = recordingLogger();
  // Each response: 50 undeclared properties (the most one response reports), none seen before.
  const undeclared = (call: number) => Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`extra${call}x${index}`, 1]));
  const fetch = observedFetch(() => json(200, { id: "t", name: "n", expiresAt: "", owner: { name: "me", ...undeclared(fetch.sent.length) } }));
  const axiom = createAxiomClient({ token: "xaat-cap", validate: "warn", validation: createValidation(validators), logger, fetch });
  for (let call = 0; call < 25; call++) await axiom.GET("/v2/tokens/{id}", { params: { path: { id: "t" } } });
  const warnings = logger.lines.filter((line) => line.level == "warn");
  expect(warnings.map((line) => (line.fields?.issues as unknown[] | undefined)?.length)).toEqual([...Array(20).fill(50), undefined]);
  expect(warnings.at(-1)?.message).toBe("galaxiom validation: 1000 distinct issues reported; no more will be until a restart");
});
