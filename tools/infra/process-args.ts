import { existsSync, readFileSync } from 'node:fs';

/**
 * A running process's command line as its arguments (/proc/<pid>/cmdline), [] once it is gone, or undefined
 * where there is no /proc (macOS). Guards the pid files we act on: pid_max is 32768 here, so the pid in a
 * stale file may by now be any process's.
 */
export function processArgs(pid: number): string[] | undefined {
  if (!existsSync('/proc')) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return []; // gone meanwhile
  }
}
