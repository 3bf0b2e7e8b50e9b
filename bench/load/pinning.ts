/**
 * Which CPUs the server under test and the load generator may use. Left to itself, the
 * scheduler on a small machine often wakes the generator on the server's own core, and the
 * woken generator then preempts the server at each socket write of a fan-out (seen with
 * `perf record -e sched:sched_switch`: a switch to the generator and back for nearly every
 * write). A real server's clients are on other machines, so by default each side gets its own.
 */
export interface Pinning {
  /** CPU lists as taskset takes them, e.g. "0" or "1-3". */
  server: string;
  generator: string;
}

const CPU_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** The default: server on CPU 0 and generator on CPU 1, or nothing pinned on a single core. */
export function defaultPin(cores: number): string {
  return cores >= 2 ? "0:1" : "none";
}

/** Reads `--pin SERVER:GENERATOR` ("0:1", "0-1:2-3") or "none"; names what is wrong with anything else. */
export function parsePin(text: string, cores: number): Pinning | null {
  if (text === "none") return null;
  const [server, generator, ...rest] = text.split(":");
  if (!server || !generator || rest.length > 0 || !CPU_LIST.test(server) || !CPU_LIST.test(generator)) {
    throw new Error(`--pin must be SERVER_CPUS:GENERATOR_CPUS (e.g. 0:1) or none, not "${text}"`);
  }
  const highest = Math.max(...`${server},${generator}`.split(/[,-]/).map(Number));
  if (highest >= cores) throw new Error(`--pin "${text}" names CPU ${highest}, but this machine has CPUs 0-${cores - 1}`);
  return { server, generator };
}

/** The command line that runs `argv` on `cpus` (unchanged when there are none). */
export function onCpus(argv: readonly [string, ...string[]], cpus: string | undefined): [string, ...string[]] {
  return cpus ? ["taskset", "--cpu-list", cpus, ...argv] : [...argv];
}
