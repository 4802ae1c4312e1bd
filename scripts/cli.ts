#!/usr/bin/env node
// The `galaxiom` bin: wires the real process to `main`, which never touches `process` itself.
import { readProcessStdin, wantsColor } from "./lib/io.js";
import { main } from "./main.js";

// `galaxiom diff … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: wantsColor(process.env, Boolean(process.stdout.isTTY)),
  env: process.env,
  readStdin: readProcessStdin,
  fetch: (...args) => globalThis.fetch(...args),
});
