// What an app bundles from galaxiom, openapi-fetch included: esbuild, minified, then gzipped, for an app that
// uses both clients, and for apps that use one (the Axiom one must carry no Galileo code at all).
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { table } from "./table.js";

/** Strings only Galileo code contains: its auth header, its login path, its host. */
const GALILEO_MARKERS = ["Galileo-API-Key", "v1/login", "api.galileo.ai"];
/** The both-clients bundle before the hardening issue (7.64 kB measured, 7.8 kB as the issue states it). */
const BOTH_TARGET_BYTES = 7.8 * 1024;
/**
 * The both-clients bundle before the coverage issue (fb0f7fe, 5 operations typed): 9,633 B, "9.6 kB" as the issue
 * states it. Coverage is types only, so the bundle may grow by 2 % at most.
 */
const BEFORE_COVERAGE_BYTES = 9633;
const COVERAGE_GROWTH = 0.02;
/** The both-clients bundle before the testing-kit issue (d56faba), which says the main entry must not grow. */
const BEFORE_TESTING_BYTES = 13481;

const repo = path.resolve(import.meta.dirname, "..");
const { exports } = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { exports: Record<string, { default: string }> };

const apps = {
  "both clients": 'import { createAxiomClient, createGalileoClient } from "galaxiom";\nexport const clients = [createAxiomClient, createGalileoClient];',
  "Axiom client only": 'import { createAxiomClient } from "galaxiom";\nexport const client = createAxiomClient;',
  "Galileo client only": 'import { createGalileoClient } from "galaxiom";\nexport const client = createGalileoClient;',
  "Axiom client + galaxiom/validation":
    'import { createAxiomClient } from "galaxiom";\nimport { axiomValidation } from "galaxiom/validation";\nexport const client = () => createAxiomClient({ validate: "warn", validation: axiomValidation });',
  "both clients + galaxiom/validation":
    'import { createAxiomClient, createGalileoClient } from "galaxiom";\nimport { axiomValidation, galileoValidation } from "galaxiom/validation";\n' +
    'export const clients = () => [createAxiomClient({ validate: "warn", validation: axiomValidation }), createGalileoClient({ validate: "warn", validation: galileoValidation })];',
  "galaxiom/testing, both fakes (a test's bundle)":
    'import { createFakeAxiom, createFakeGalileo } from "galaxiom/testing";\nexport const fakes = [createFakeAxiom, createFakeGalileo];',
  "@axiomhq/js 2.0 (Axiom's own SDK)": 'import { Axiom } from "@axiomhq/js";\nexport const client = Axiom;',
  "ky (for scale)": 'import ky from "ky";\nexport const client = ky;',
  "openapi-fetch alone (for scale)": 'import createClient from "openapi-fetch";\nexport const client = createClient;',
};

/** The source file behind an entry of the package's `exports` ("galaxiom/validation" → src/validation/index.ts). */
function sourceOf(specifier: string): string {
  const entry = exports[`.${specifier.slice("galaxiom".length)}`];
  if (!entry) throw new Error(`${specifier} is not an entry of package.json's exports`);
  return path.join(repo, entry.default.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"));
}

async function bundle(source: string, minify = true): Promise<string> {
  const { outputFiles } = await build({
    stdin: { contents: source, resolveDir: repo, loader: "ts" },
    // The package's entries, as an app resolves them; from source, so that no build has to run first.
    plugins: [{ name: "galaxiom-source", setup: (build) => build.onResolve({ filter: /^galaxiom(\/|$)/ }, ({ path }) => ({ path: sourceOf(path) })) }],
    bundle: true,
    minify,
    format: "esm",
    platform: "browser",
    write: false,
  });
  return outputFiles[0]!.text;
}

const gzipped = (parts: string[]) => gzipSync(parts.join("")).length;

/**
 * Where the bytes of the both-clients bundle go: for each module, how many gzipped bytes the bundle loses
 * without it. esbuild marks each module's code in an unminified bundle; each part is minified on its own (so
 * top-level names keep their length, and the figures are approximate) and left out in turn. A module's cost
 * depends on the rest (gzip finds repeats across modules), so the column doesn't add up to the total.
 */
async function marginalCosts(source: string): Promise<string[][]> {
  const parts = (await bundle(source, false)).split(/^(?=\/\/ (?:src|generated|node_modules)\/)/m);
  const minified = await Promise.all(
    parts.map(async (part) => ({
      module: /^\/\/ (\S+)/.exec(part)?.[1] ?? "",
      code: (await transform(part.replace(/^export \{[^}]*\};?$/m, ""), { minify: true, loader: "js" })).code,
    })),
  );
  const all = gzipped(minified.map((part) => part.code));
  return minified
    .filter((part) => part.module)
    .map((part) => ({
      module: part.module.replace(/^node_modules\/(.*?)\/.*$/, "$1 (dependency)"),
      cost: all - gzipped(minified.filter((other) => other !== part).map((other) => other.code)),
    }))
    .sort((a, b) => b.cost - a.cost)
    .map(({ module, cost }) => [module, `${cost} B`]);
}

export async function run(): Promise<void> {
  const sizes = new Map<string, { code: string; size: number }>();
  for (const [app, source] of Object.entries(apps)) {
    const code = await bundle(source);
    sizes.set(app, { code, size: gzipped([code]) });
  }
  // Targets, measured in the same run: the Axiom-only app no larger than Axiom's own SDK, both clients no larger
  // than before the hardening.
  const targets: Record<string, number> = {
    "both clients": BOTH_TARGET_BYTES,
    "Axiom client only": sizes.get("@axiomhq/js 2.0 (Axiom's own SDK)")!.size,
  };
  const rows = [...sizes].map(([app, { code, size }]) => {
    const galileo = GALILEO_MARKERS.filter((marker) => code.includes(marker));
    if (app === "Axiom client only" && galileo.length > 0) throw new Error(`the Axiom-only bundle contains Galileo code: ${galileo.join(", ")}`);
    const target = targets[app];
    const verdict =
      target === undefined
        ? ""
        : size <= target
          ? `✓ (≤ ${(target / 1024).toFixed(2)} kB)`
          : `over ${(target / 1024).toFixed(2)} kB by ${size - Math.floor(target)} B`;
    return [app, `${(code.length / 1024).toFixed(1)} kB`, `${(size / 1024).toFixed(2)} kB`, verdict, galileo.length ? "yes" : "no"];
  });
  console.log("esbuild --bundle --minify, ESM for browsers; gzip at its default level.\n");
  console.log(table(["app imports", "minified", "gzipped", "target", "Galileo code"], rows));
  const both = sizes.get("both clients")!.size;
  const growth = both / BEFORE_COVERAGE_BYTES - 1;
  console.log(
    `\nCoverage is types only: both clients within ${COVERAGE_GROWTH * 100} % of ${BEFORE_COVERAGE_BYTES} B (before it): ${both} B, ` +
      `${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} %: ${growth <= COVERAGE_GROWTH ? "MET" : "MISSED"}`,
  );
  const grown = both - BEFORE_TESTING_BYTES;
  console.log(
    `The main entry unchanged by the testing kit and validation: both clients ${both} B against ${BEFORE_TESTING_BYTES} B before them, ` +
      `${grown >= 0 ? "+" : ""}${grown} B: ${grown <= 0 ? "MET" : "MISSED"}`,
  );
  const entry = (app: string, base: string) => sizes.get(app)!.size - sizes.get(base)!.size;
  console.log(
    `galaxiom/validation adds ${entry("Axiom client + galaxiom/validation", "Axiom client only")} B gzipped to an Axiom-only app, ` +
      `${entry("both clients + galaxiom/validation", "both clients")} B to an app with both clients.`,
  );
  console.log("\nWhere the bytes of the both-clients bundle go (≈ gzipped bytes the bundle loses without the module):\n");
  console.log(table(["module", "≈ gzipped"], await marginalCosts(apps["both clients"])));
}
