// Rewrite the generated sections of docs/diff.md from the catalogue and the runs of the oasdiff fixture pairs:
//   npx tsx scripts/diff/docs/write.ts
// test/diff/docs.test.ts fails while the file is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { renderSections } from "./render.js";
import { replaceSections } from "./sections.js";

const file = new URL("../../../docs/diff.md", import.meta.url);
writeFileSync(file, replaceSections(readFileSync(file, "utf8"), renderSections()));
