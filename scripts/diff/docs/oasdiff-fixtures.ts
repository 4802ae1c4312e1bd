import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import type { OpenAPIDocument } from "../../lib/load-spec.js";
import { diffSpecs } from "../index.js";

/** A change as a fixture states it: [id, wire verdict, types verdict]. */
export type Expected = [id: string, wire: string, types: string];

/**
 * A pair of documents that oasdiff's own tests or documentation use for one of its checks (`source` names them),
 * rewritten small, and the changes galaxiom reports on it. An empty `expect` records a check galaxiom does not report.
 */
export interface OasdiffFixture {
  oasdiff: string;
  source: string;
  name: string;
  before: Partial<OpenAPIDocument>;
  after: Partial<OpenAPIDocument>;
  expect: Expected[];
  file: string;
}

/** A fixture and what galaxiom reported when it was run. */
export interface OasdiffRun {
  fixture: OasdiffFixture;
  actual: Expected[];
  /** The run reported exactly the expected changes (order aside). */
  passed: boolean;
}

const folder = new URL("../../../test/fixtures/diff/oasdiff/", import.meta.url);

export function loadOasdiffFixtures(): OasdiffFixture[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .flatMap((file) => (parse(readFileSync(new URL(file, folder), "utf8")) as Omit<OasdiffFixture, "file">[]).map((fixture) => ({ ...fixture, file })));
}

/** The fixtures leave out what every document has; a 3.1 pair states its own `openapi`. */
export function fixtureDocument(partial: Partial<OpenAPIDocument>): OpenAPIDocument {
  return { openapi: "3.0.3", info: { title: "Fixture", version: "1" }, ...partial };
}

export function runOasdiffFixture(fixture: OasdiffFixture): OasdiffRun {
  const actual = diffSpecs(fixtureDocument(fixture.before), fixtureDocument(fixture.after)).changes.map(
    (change): Expected => [change.id, change.wire, change.types],
  );
  return { fixture, actual, passed: same(actual, fixture.expect) };
}

function same(actual: Expected[], expected: Expected[]): boolean {
  const key = (changes: Expected[]) => JSON.stringify(changes.map((change) => change.join(" ")).sort());
  return key(actual) === key(expected);
}
