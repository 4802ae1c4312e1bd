import { describe, expect, it } from "vitest";
import { samples as axiomSamples } from "../../generated/axiom.samples.js";
import { validators as axiomValidators } from "../../generated/axiom.validators.js";
import { samples as galileoSamples } from "../../generated/galileo.samples.js";
import { validators as galileoValidators } from "../../generated/galileo.validators.js";
import { byMediaType, describeIssues, type Issue, type Validators } from "../../src/testing/checks.js";
import { type Samples, seeded } from "../../src/testing/seed.js";

/** Every sample of an API, under a few seeds, checked by the API's validators: "operation status: issues" for each that fails. */
function refused(samples: Samples, validators: Validators): string[] {
  const found: string[] = [];
  for (const [operation, responses] of Object.entries(samples)) {
    for (const [status, make] of Object.entries(responses)) {
      const check = byMediaType(validators[operation]?.responses[status]?.content, "application/json");
      if (!make || !check) continue;
      for (const seed of [0, 1, 987654321]) {
        const issues: Issue[] = [];
        check(make(seeded(seed)), "", issues);
        if (issues.length) found.push(`${operation} ${status} (seed ${seed}): ${describeIssues(issues)}`);
      }
    }
  }
  return found;
}

describe("the generated samples of the package's APIs", () => {
  it("cover every operation, with a sample for each JSON response, the errors' default among them", () => {
    for (const [samples, validators] of [
      [axiomSamples, axiomValidators],
      [galileoSamples, galileoValidators],
    ] as const) {
      expect(Object.keys(samples).sort()).toEqual(Object.keys(validators).sort());
      for (const responses of Object.values(samples)) expect(responses.default ?? responses["401"]).toBeTypeOf("function");
    }
  });

  it("pass the validators of their own API, whatever the seed: Axiom", () => {
    expect(refused(axiomSamples, axiomValidators)).toEqual([]);
  });

  it("pass the validators of their own API, whatever the seed: Galileo", () => {
    expect(refused(galileoSamples, galileoValidators)).toEqual([]);
  });

  it("are the same for the same seed, and vary strings and ids with it", () => {
    const sample = (seed: number) => galileoSamples["POST /v2/projects"]!["200"]!(seeded(seed));
    expect(sample(3)).toEqual(sample(3));
    expect(sample(3)).not.toEqual(sample(4));
    expect(sample(0)).toMatchObject({ id: "00000000-0000-4000-8000-000000000000" });
  });
});
