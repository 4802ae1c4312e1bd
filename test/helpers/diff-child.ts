// `galaxiom diff`'s engine on two JSON files, in a process of its own: tests of input that once grew without end run
// it here, with a small heap and a time limit (see diffInChild), so that a regression fails one test instead of
// exhausting the memory of the whole run. Prints the changes and the work the diff did, or the error it stopped with.
import { readFileSync } from "node:fs";
import { diffSpecs, WorkBudget } from "../../scripts/diff/index.js";

const [old, now] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file!, "utf8")));
const budget = new WorkBudget();
try {
  const { changes } = diffSpecs(old, now, { budget });
  console.log(JSON.stringify({ changes: changes.map(({ id, message }) => ({ id, message })), spent: budget.spent }));
} catch (error) {
  console.log(JSON.stringify({ error: (error as Error).message, spent: budget.spent }));
}
