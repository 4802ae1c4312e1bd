import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { main } from "../scripts/main.js";
import { recordingIo } from "./helpers/io.js";

// Outside a folder laid out for generate and pull, both refuse before loading the build's heavy modules (≈1 s
// or more of imports): here, importing any of them fails the command with a different message, and is counted.
// vi.mock is hoisted above the imports; what its factories use must be too.
const { loaded, heavy } = vi.hoisted(() => {
  const loaded: string[] = [];
  const heavy = (name: string) => () => {
    loaded.push(name);
    throw new Error(`${name} was imported`);
  };
  return { loaded, heavy };
});
vi.mock("@redocly/openapi-core", heavy("@redocly/openapi-core"));
vi.mock("openapi-typescript", heavy("openapi-typescript"));
vi.mock("typescript", heavy("typescript"));

let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(path.join(tmpdir(), "galaxiom-unconfigured-"));
});
afterAll(() => rm(empty, { recursive: true, force: true }));

it.each(["generate", "pull"])("%s refuses a folder without apis.yaml before importing Redocly, openapi-typescript or TypeScript", async (command) => {
  const io = recordingIo();
  const code = await main([command, "--specs", path.join(empty, "specs")], io);
  expect(io.err()).toMatch(
    new RegExp(`^galaxiom ${command}: .*no apis\\.yaml in .*specs: in an app, run .* first .*; or run galaxiom in a folder laid out like`),
  );
  expect(code).toBe(2);
  expect(loaded).toEqual([]);
});
