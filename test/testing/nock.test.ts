import nock from "nock";
import { afterAll, beforeAll, describe } from "vitest";
import { nockScope } from "../../src/testing/nock.js";
import { wiringTests } from "./wiring.js";

describe("galaxiom/testing/nock: nockScope(fake)", () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  wiringTests((...fakes) => {
    for (const fake of fakes) nockScope(fake);
    return () => nock.cleanAll();
  });
});
