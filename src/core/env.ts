/**
 * An environment variable where the runtime has them (Node, Bun, Deno with --allow-env), read when a client
 * is created. Browsers and edge runtimes have none, so every option can also be passed explicitly.
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}
