import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { processArgs } from './process-args';
import { join } from 'node:path';
import { procStat, TICKS_PER_SECOND } from './proc-stat';
import { BENCH_PROFILE } from './profiles';

/** CPU seconds used so far outside the services: the whole machine, PostgreSQL, the Kafka broker and this bench process. */
export interface MachineCpu {
  /** Busy time of all cores together (/proc/stat: user, nice, system, irq, softirq; not idle, iowait or steal). */
  machine: number;
  /** The bench's PostgreSQL server: its postmaster and every backend, including backends that exited and were reaped. */
  postgres: number;
  /** The bench's broker process. */
  broker: number;
  /** This process: the progress sampler, the SMTP sink that receives every email, the token issuer. */
  bench: number;
  /** When this was read (ms, performance.now()). */
  at: number;
}

/** How to recognise the bench's own servers among the machine's processes (another clone's run here is not counted). */
export interface BenchServers {
  /** The embedded PostgreSQL's port: its postmaster runs with `-p <port>`. */
  postgresPort: number;
  /** The broker's server.properties: its java process runs `kafka.Kafka <file>`. */
  brokerProperties: string;
}

/** The servers the benches start (BENCH_PROFILE). */
export const BENCH_SERVERS: BenchServers = { postgresPort: BENCH_PROFILE.postgresPort, brokerProperties: join(BENCH_PROFILE.stateDir, 'kafka', 'server.properties') };


interface ProcessTimes {
  pid: number;
  ppid: number;
  command: string;
  /** utime + stime + cutime + cstime, seconds. */
  seconds: number;
}

/**
 * Reads where the machine's CPU went so far; with the services' own figures the report then shows
 * the whole cost of a cycle, not only the services' part of it. NaN where /proc is not there (macOS).
 */
export function machineCpu(servers: BenchServers): MachineCpu {
  const at = performance.now();
  const usage = process.cpuUsage();
  const bench = (usage.user + usage.system) / 1e6;
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq] = fields as number[];
    const machine = (user! + nice! + system! + irq! + softirq!) / TICKS_PER_SECOND;
    const processes = processTimes();
    const postgres = treeSeconds(processes, (p) => p.command === 'postgres' && argsAfter(p.pid, '-p') === String(servers.postgresPort));
    const broker = treeSeconds(processes, (p) => p.command === 'java' && argsAfter(p.pid, 'kafka.Kafka') === servers.brokerProperties);
    return { machine, postgres, broker, bench, at };
  } catch {
    return { machine: NaN, postgres: NaN, broker: NaN, bench, at };
  }
}

/** The number of cores the machine's busy time is spread over. */
export const coreCount = (): number => cpus().length;

/** How busy the machine's cores were between two readings, 0 to 1 (NaN without /proc). */
export const coresBusy = (before: MachineCpu, after: MachineCpu): number =>
  (after.machine - before.machine) / ((after.at - before.at) / 1000) / coreCount();

/** CPU of the first process `isRoot` picks and of all its descendants; NaN when none is running (an external server). */
function treeSeconds(processes: ProcessTimes[], isRoot: (p: ProcessTimes) => boolean): number {
  const root = processes.find(isRoot);
  if (!root) return NaN;
  const inTree = new Set([root.pid]);
  let total = 0;
  // Children have larger pids than their parents except after pid wrap-around: repeat until nothing is added.
  for (let added = true; added;) {
    added = false;
    for (const p of processes) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        added = true;
      }
    }
  }
  for (const p of processes) if (inTree.has(p.pid)) total += p.seconds;
  return total;
}

function argsAfter(pid: number, flag: string): string | undefined {
  const args = processArgs(pid) ?? [];
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function processTimes(): ProcessTimes[] {
  const processes: ProcessTimes[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (!stat) continue; // exited meanwhile
    processes.push({ pid: Number(entry), ppid: stat.ppid, command: stat.command, seconds: stat.ownSeconds + stat.reapedChildrenSeconds });
  }
  return processes;
}
