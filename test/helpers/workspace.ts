import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const repo = path.resolve(import.meta.dirname, "../..");

export interface Workspace {
  work: string;
  specs: string;
  out: string;
}

/** The repository's specs/ and generated/, copied into a fresh temporary folder a test may change freely. */
export async function copyOfRepo(prefix: string): Promise<Workspace> {
  const work = await mkdtemp(path.join(tmpdir(), prefix));
  const specs = path.join(work, "specs");
  const out = path.join(work, "generated");
  await cp(path.join(repo, "specs"), specs, { recursive: true });
  await cp(path.join(repo, "generated"), out, { recursive: true });
  return { work, specs, out };
}
