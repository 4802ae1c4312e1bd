import { setupServer } from "msw/node";
import { describe } from "vitest";
import { mswHandlers } from "../../src/testing/msw.js";
import { binaryBodyTests } from "./binary-bodies.js";

describe("galaxiom/testing/msw: bodies that aren't JSON, through mswHandlers(fake)", () => {
  binaryBodyTests((fake) => {
    const server = setupServer(...mswHandlers(fake));
    server.listen({ onUnhandledRequest: "error" });
    return { fetch: (input, init) => fetch(input, init), uninstall: () => server.close() };
  });
});
