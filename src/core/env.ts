/**
 * An environment variable where the runtime has them (Node, Bun, Deno with --allow-env), read when a client
 * is created, and only for an option that was not passed. Browsers and edge runtimes have none, so every option
 * can also be passed explicitly. A runtime that refuses the read (Deno without --allow-env throws NotCapable)
 * counts as not having the variable.
 */
export function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}
