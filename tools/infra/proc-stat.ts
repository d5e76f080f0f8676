import { readFileSync } from 'node:fs';

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** What the benches read of /proc/<pid>/stat. */
export interface ProcStat {
  command: string;
  ppid: number;
  /** utime + stime: the process's own CPU so far, seconds. */
  ownSeconds: number;
  /** cutime + cstime: its children's, once they exited and it reaped them, seconds. */
  reapedChildrenSeconds: number;
}

/** A process's /proc/<pid>/stat, or undefined once it is gone (or where there is no /proc). */
export function procStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command sits in parentheses and may hold spaces or ')': the fields start after the last ')'.
  const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is the state (field 3 of stat(5)): ppid is field 4; utime, stime, cutime, cstime are fields 14-17.
  const ticks = (i: number) => Number(fields[i]) / TICKS_PER_SECOND;
  return { command, ppid: Number(fields[1]), ownSeconds: ticks(11) + ticks(12), reapedChildrenSeconds: ticks(13) + ticks(14) };
}
