import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

// CPU accounting from /proc (Linux). Every figure is CPU seconds; divided by the wall time of a
// phase it becomes "cores busy", which on a 2-core machine says at once who is using the CPU.

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  ppid: number;
  /** utime + stime of the process itself (all its threads), seconds. */
  self: number;
  /** stime alone: time in the kernel (system calls, network stack). */
  system: number;
  /** cutime + cstime: children it has waited for, seconds. */
  children: number;
}

function procStat(pid: number | "self"): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(fields[i - 3] ?? 0);
    const hz = clockTicks();
    return { ppid: n(4), self: (n(14) + n(15)) / hz, system: n(15) / hz, children: (n(16) + n(17)) / hz };
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by one process (all threads). */
export function processCpu(pid: number): number {
  return procStat(pid)?.self ?? 0;
}

/** CPU seconds of this process's exited children (pgbench, once it has been waited for). */
export function reapedChildrenCpu(): number {
  return procStat("self")?.children ?? 0;
}

/**
 * CPU seconds of a PostgreSQL server: the postmaster, its live children (backends, walwriter,
 * autovacuum, …) and, through the postmaster's cutime, every backend that has already exited.
 */
export function postgresCpu(postmasterPid: number): number {
  const master = procStat(postmasterPid);
  if (!master) return 0;
  let total = master.self + master.children;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = procStat(Number(entry));
    if (s && s.ppid === postmasterPid) total += s.self;
  }
  return total;
}

/** The parent of a backend is the postmaster. */
export function parentPid(pid: number): number | undefined {
  return procStat(pid)?.ppid;
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineBusyCpu(): number {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [, ...values] = line.trim().split(/\s+/);
    const v = values.map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return (total - idle) / clockTicks();
  } catch {
    return 0;
  }
}

export function cpuCount(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

export interface CpuUse {
  /** Cores busy on average over the phase. */
  server: number;
  /** The part of `server` spent in the kernel. */
  serverSystem: number;
  postgres: number;
  /** The load generator: this process for HTTP phases, pgbench for pgbench phases. */
  client: number;
  machine: number;
  wallSeconds: number;
}

export interface CpuProbe {
  serverPid?: number;
  postmasterPid?: number;
}

function ownCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Starts measuring; the returned function ends the measurement and gives cores busy per party. */
export function startCpu(probe: CpuProbe, client: "self" | "children"): () => CpuUse {
  const read = () => ({
    server: probe.serverPid ? processCpu(probe.serverPid) : 0,
    serverSystem: probe.serverPid ? (procStat(probe.serverPid)?.system ?? 0) : 0,
    postgres: probe.postmasterPid ? postgresCpu(probe.postmasterPid) : 0,
    client: client === "self" ? ownCpu() : reapedChildrenCpu(),
    machine: machineBusyCpu(),
    at: performance.now(),
  });
  const before = read();
  return () => {
    const after = read();
    const wall = (after.at - before.at) / 1000;
    const per = (a: number, b: number) => (wall > 0 ? (a - b) / wall : 0);
    return {
      server: per(after.server, before.server),
      serverSystem: per(after.serverSystem, before.serverSystem),
      postgres: per(after.postgres, before.postgres),
      client: per(after.client, before.client),
      machine: per(after.machine, before.machine),
      wallSeconds: wall,
    };
  };
}
