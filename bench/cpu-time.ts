// CPU time of child Node processes. The machine is shared, so a process's wall time grows with whoever else is busy;
// its CPU time (user + system) much less: the benches show it beside wall time, to tell a real change from noise.

/** `node --import <this>` makes the process print its CPU time on stderr as it exits. */
export const PRINT_CPU_TIME = `data:text/javascript,${encodeURIComponent(
  `process.on("exit", () => { const { user, system } = process.cpuUsage(); process.stderr.write("galaxiom-bench-cpu " + (user + system) / 1e6 + "\\n"); });`,
)}`;

/** The seconds of CPU a process printed with PRINT_CPU_TIME. */
export function cpuSeconds(stderr: string): number {
  const match = /^galaxiom-bench-cpu ([\d.]+)$/m.exec(stderr);
  if (!match) throw new Error(`no CPU time on the process's stderr:\n${stderr.slice(-2000)}`);
  return Number(match[1]);
}
