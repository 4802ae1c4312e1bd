import { describe } from "vitest";
import { binaryBodyTests } from "./binary-bodies.js";

describe("galaxiom/testing: bodies that aren't JSON, through fake.fetch", () => {
  binaryBodyTests((fake) => ({ fetch: fake.fetch, uninstall: () => undefined }));
});
