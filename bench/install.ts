// What installing galaxiom costs an app, and what each package's tarball holds: both packages are packed as
// `npm publish` would pack them, then installed with `npm i <tarball>` into empty folders, as an app would.
// Their dependencies come from the registry (or npm's cache: --prefer-offline), so this bench needs either.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { table } from "./table.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "..");
/** Measured before the split (galaxiom 0.1.0 depending on openapi-fetch and @redocly/openapi-core). */
const BEFORE = { packages: 24, disk: 30.8e6, bytes: 17.6e6 };
/** The client's tarball before the coverage issue (fb0f7fe, 5 operations typed), from `npm pack --json` there. */
const BEFORE_COVERAGE_TARBALL = { files: 45, bytes: 49_133, unpacked: 152_220 };
/** An app using the client installs openapi-fetch, openapi-typescript-helpers and galaxiom, and no more. */
const TARGET_PACKAGES = 3;

interface Footprint {
  packages: string[];
  /** Bytes of the files. */
  bytes: number;
  /** Bytes on disk, as `du` counts them: whole blocks, folders included (many small files weigh more here). */
  disk: number;
}

/** Every package folder under node_modules (nested ones too), the bytes of all its files and its size on disk. */
async function footprint(nodeModules: string): Promise<Footprint> {
  const packages: string[] = [];
  let bytes = 0;
  let disk = (await stat(nodeModules)).blocks * 512;
  const walk = async (folder: string, depth: string[]): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) continue;
      const { size, blocks } = await stat(full);
      disk += blocks * 512;
      if (entry.isDirectory()) await walk(full, [...depth, entry.name]);
      else if (entry.isFile()) {
        bytes += size;
        // node_modules/<name>/package.json or node_modules/@scope/<name>/package.json, at any nesting.
        const at = depth.lastIndexOf("node_modules");
        const name = depth.slice(at + 1);
        if (entry.name === "package.json" && at >= 0 && (name.length === 1 || (name.length === 2 && name[0]!.startsWith("@")))) packages.push(name.join("/"));
      }
    }
  };
  await walk(nodeModules, ["node_modules"]);
  return { packages: packages.sort(), bytes, disk };
}

async function pack(folder: string, destination: string): Promise<{ tarball: string; files: number; bytes: number; unpacked: number }> {
  const { stdout } = await exec("npm", ["pack", "--json", "--pack-destination", destination], { cwd: folder, maxBuffer: 1 << 26 });
  // npm prints the lifecycle scripts' output first; the JSON report is the last thing on stdout.
  const [report] = JSON.parse(stdout.slice(stdout.lastIndexOf("\n[") + 1)) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
  }>;
  return { tarball: path.join(destination, report!.filename), files: report!.entryCount, bytes: report!.size, unpacked: report!.unpackedSize };
}

async function install(tarball: string, work: string, name: string): Promise<Footprint | string> {
  const app = path.join(work, name);
  await mkdir(app);
  await writeFile(path.join(app, "package.json"), JSON.stringify({ name, private: true }));
  try {
    await exec("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app });
  } catch (error) {
    return `could not install (${(error as Error).message.split("\n")[0]}): the registry or npm's cache is needed`;
  }
  return footprint(path.join(app, "node_modules"));
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
const kb = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;

export async function run(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), "galaxiom-bench-install-"));
  try {
    const client = await pack(repo, work);
    const tools = await pack(path.join(repo, "scripts"), work);
    console.log("\nThe tarballs (`npm pack --json`)\n");
    console.log(
      table(
        ["package", "files", "tarball", "unpacked"],
        [
          [
            "galaxiom before coverage (fb0f7fe, measured then)",
            String(BEFORE_COVERAGE_TARBALL.files),
            kb(BEFORE_COVERAGE_TARBALL.bytes),
            kb(BEFORE_COVERAGE_TARBALL.unpacked),
          ],
          ["galaxiom (the client)", String(client.files), kb(client.bytes), kb(client.unpacked)],
          ["galaxiom-tools (the CLI)", String(tools.files), kb(tools.bytes), kb(tools.unpacked)],
        ],
      ),
    );
    const rows: string[][] = [
      ["an app, before the split (galaxiom 0.1.0: openapi-fetch + @redocly/openapi-core)", String(BEFORE.packages), mb(BEFORE.disk), mb(BEFORE.bytes), "—"],
    ];
    const app = await install(client.tarball, work, "app");
    const dev = await install(tools.tarball, work, "dev");
    for (const [label, result] of [
      ["an app: `npm i galaxiom`", app],
      ["a project's tools: `npm i -D galaxiom-tools`", dev],
    ] as const) {
      if (typeof result === "string") {
        console.log(`\n${label}: ${result}`);
        continue;
      }
      rows.push([
        label,
        String(result.packages.length),
        mb(result.disk),
        mb(result.bytes),
        result.packages.length <= 6 ? result.packages.join(", ") : `${result.packages.slice(0, 5).join(", ")}, …`,
      ]);
    }
    console.log("\nInstalled into an empty folder with `npm i <tarball>`: packages in node_modules (galaxiom included), its size\n");
    console.log(table(["install", "packages", "on disk (du)", "file bytes", "node_modules holds"], rows));
    if (typeof app !== "string") {
      const met =
        app.packages.length <= TARGET_PACKAGES && app.packages.every((name) => ["galaxiom", "openapi-fetch", "openapi-typescript-helpers"].includes(name));
      console.log(`\nTarget: an app installs galaxiom, openapi-fetch and openapi-typescript-helpers only: ${met ? "met" : "MISSED"}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
