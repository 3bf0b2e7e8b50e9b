import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { defaultPin, onCpus, parsePin } from "../../bench/load/pinning";

describe("pinning the bench's processes to CPUs", () => {
  it("reads SERVER:GENERATOR lists and none", () => {
    expect(parsePin("0:1", 2)).toEqual({ server: "0", generator: "1" });
    expect(parsePin("0,2:1-3", 4)).toEqual({ server: "0,2", generator: "1-3" });
    expect(parsePin("none", 2)).toBeNull();
  });

  it("names what is wrong with a bad list", () => {
    expect(() => parsePin("0", 2)).toThrow('--pin must be SERVER_CPUS:GENERATOR_CPUS (e.g. 0:1) or none, not "0"');
    expect(() => parsePin("0:a", 2)).toThrow('not "0:a"');
    expect(() => parsePin("0:1:2", 4)).toThrow('not "0:1:2"');
    expect(() => parsePin("0:2", 2)).toThrow('--pin "0:2" names CPU 2, but this machine has CPUs 0-1');
  });

  it("pins two cores apart by default, and nothing on one core", () => {
    expect(defaultPin(2)).toBe("0:1");
    expect(defaultPin(1)).toBe("none");
  });

  it("runs a process on the CPUs given", () => {
    const cpu = String(availableParallelism() - 1);
    const [command, ...args] = onCpus(
      [
        process.execPath,
        "-e",
        "process.stdout.write(/Cpus_allowed_list:\\s*(\\S+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1])",
      ],
      cpu,
    );
    expect(command).toBe("taskset");
    expect(execFileSync(command, args).toString()).toBe(cpu);
    expect(onCpus(["node", "x.js"], undefined)).toEqual(["node", "x.js"]);
  });
});
