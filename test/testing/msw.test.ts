import { setupServer } from "msw/node";
import { describe } from "vitest";
import { mswHandlers } from "../../src/testing/msw.js";
import { wiringTests } from "./wiring.js";

describe("galaxiom/testing/msw: mswHandlers(fake)", () => {
  wiringTests((...fakes) => {
    const server = setupServer(...fakes.flatMap(mswHandlers));
    server.listen({ onUnhandledRequest: "error" });
    return () => server.close();
  });
});
