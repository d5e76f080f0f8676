import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** CPU seconds used so far outside the services: the whole machine, PostgreSQL, the Kafka broker and this bench process. */
export interface MachineCpu {
  /** Busy time of all cores together (/proc/stat: everything but idle and iowait). */
  machine: number;
  /** Every `postgres` process (the bench runs the only server), including backends that exited and were reaped. */
  postgres: number;
  /** Every `java` process: the broker. */
  broker: number;
  /** This process: the progress sampler, the SMTP sink that receives every email, the token issuer. */
  bench: number;
  /** When this was read (ms, performance.now()). */
  at: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * Reads where the machine's CPU went so far; with the services' own figures the report then shows
 * the whole cost of a cycle, not only the services' part of it. NaN where /proc is not there (macOS).
 */
export function machineCpu(): MachineCpu {
  const at = performance.now();
  const bench = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields as number[];
    const machine = (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / TICKS_PER_SECOND;
    const byCommand = processTimes();
    return { machine, postgres: byCommand.get('postgres') ?? 0, broker: byCommand.get('java') ?? 0, bench, at };
  } catch {
    return { machine: NaN, postgres: NaN, broker: NaN, bench, at };
  }
}

/** The number of cores the machine's busy time is spread over. */
export const coreCount = (): number => cpus().length;

/** utime + stime + cutime + cstime in seconds, summed per command name (comm), over every process now running. */
function processTimes(): Map<string, number> {
  const times = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3 of stat(5)): utime, stime, cutime, cstime are fields 14-17.
    const seconds = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
    times.set(command, (times.get(command) ?? 0) + seconds);
  }
  return times;
}
