import nock from "nock";
import { afterAll, beforeAll, describe } from "vitest";
import { nockScope } from "../../src/testing/nock.js";
import { binaryBodyTests } from "./binary-bodies.js";

describe("galaxiom/testing/nock: bodies that aren't JSON, through nockScope(fake)", () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  binaryBodyTests((fake) => {
    nockScope(fake);
    return { fetch: (input, init) => fetch(input, init), uninstall: () => nock.cleanAll() };
  });
});
