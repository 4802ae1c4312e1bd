// One library, one scenario, in a process of its own so that the RSS it measures is that library's alone.
// `node --import tsx bench/ingest-child.ts <galaxiom|@axiomhq/js> <stalled|refused> <origin> <galaxiom bundle>`;
// prints one JSON line, then exits (a stalled server would hold the process).
import { pathToFileURL } from "node:url";

const TOKEN = "xaat-bench-0123456789abcdef";
const [library, scenario, origin, bundle] = process.argv.slice(2) as [string, string, string, string];

interface Sink {
  ingest(event: object): void;
  flush(): Promise<unknown>;
  /** Events the library said it dropped, when it counts them. */
  dropped(): number | undefined;
}

const reported = { calls: 0, events: 0 };
/** Each library's onError: galaxiom's says how many events each loss cost; @axiomhq/js's does not. */
const onError = (error: Error & { lost?: number }) => {
  reported.calls++;
  reported.events += error.lost ?? 0;
};

async function sink(): Promise<Sink> {
  if (library == "galaxiom") {
    const galaxiom = (await import(pathToFileURL(bundle).href)) as typeof import("../src/axiom/ingest.js") & typeof import("../src/index.js");
    const axiom = galaxiom.createAxiomIngest(galaxiom.createAxiomClient({ token: TOKEN, baseUrl: origin }), { onError });
    return { ingest: (event) => axiom.ingest("bench", event), flush: () => axiom.flush(), dropped: () => axiom.stats().dropped };
  }
  const { Axiom } = await import("@axiomhq/js");
  const axiom = new Axiom({ token: TOKEN, url: origin, onError });
  return { ingest: (event) => axiom.ingest("bench", event), flush: () => axiom.flush(), dropped: () => undefined };
}

/** Offers `count` distinct events of about 1 KB, one `ingest` each, yielding to the event loop every 1,000 as an app would. */
async function offer(target: Sink, count: number): Promise<number> {
  const text = Buffer.alloc(1000, "x");
  const started = performance.now();
  for (let id = 0; id < count; id++) {
    // A flat string of its own per event, as an app's events are: not a slice or concatenation sharing memory.
    text.write(String(id).padStart(8, "0"));
    target.ingest({ id, message: text.toString("latin1") });
    if (id % 1000 == 999) await new Promise((resolve) => setImmediate(resolve));
  }
  return (performance.now() - started) / 1000;
}

const target = await sink();
if (scenario == "stalled") {
  const before = process.memoryUsage().rss;
  const seconds = await offer(target, 1_000_000);
  const after = process.memoryUsage().rss;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ seconds, growth: after - before, peakGrowth: peak - before, dropped: target.dropped(), reported }));
} else {
  await offer(target, 10_000);
  const flush = await target.flush().then(
    () => "resolved",
    (error: { lost?: number }) => `rejected (${error.lost} lost)`,
  );
  console.log(JSON.stringify({ flush, reported }));
}
process.exit(0);
