// `npm run bench [name ...]`: each benchmark in turn (or the named ones), each printing its own Markdown table.
// Timing targets live here, never in tests.
const benches: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  client: () => import("./client.js"),
  bundle: () => import("./bundle.js"),
  diff: () => import("./diff.js"),
  generate: () => import("./generate.js"),
  typecheck: () => import("./typecheck.js"),
  cli: () => import("./cli.js"),
  install: () => import("./install.js"),
  ingest: () => import("./ingest.js"),
  validate: () => import("./validate.js"),
  fakes: () => import("./fakes.js"),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")} (known: ${Object.keys(benches).join(", ")})`);
  process.exit(2);
}
for (const [name, load] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  await (await load()).run();
}
