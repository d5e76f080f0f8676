import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const PRISMA_BIN = join(ROOT, 'node_modules/prisma/build/index.js');

/**
 * The Prisma CLI downloads native engines unless told where they are. With the
 * `prisma-client` generator and `engine: 'js'` neither engine is executed, so an
 * existing placeholder file is enough and everything stays offline.
 */
function offlineEnv(schema: string, databaseUrl: string): NodeJS.ProcessEnv {
  const placeholder = join(ROOT, 'node_modules/.prisma-offline-engine');
  if (!existsSync(placeholder)) writeFileSync(placeholder, 'not an engine: see tools/infra/prisma-cli.ts\n');
  return {
    ...process.env,
    PRISMA_SERVICE: schema,
    DATABASE_URL: databaseUrl,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
}

async function prisma(schema: string, databaseUrl: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [PRISMA_BIN, ...args, '--config', 'prisma/prisma.config.ts'], {
      cwd: ROOT,
      env: offlineEnv(schema, databaseUrl),
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma ${args.join(' ')} failed for ${schema}:\n${stdout}${stderr}`);
  }
}

/** Generates the Prisma client of one schema (no database needed). */
export async function generateClient(schema: string): Promise<void> {
  await prisma(schema, 'postgresql://unused@127.0.0.1/unused', ['generate']);
}

/** Lists migration folder names of a schema, in the order they apply. */
export function migrationNames(schema: string): string[] {
  const dir = join(ROOT, 'prisma', schema, 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Applies pending migrations. `prisma migrate deploy` idles ~10 s after it is
 * done (a timer in its WebAssembly engine), so it is skipped when the
 * database already records every migration as finished.
 */
export async function migrateDatabase(schema: string, databaseUrl: string): Promise<'applied' | 'up-to-date'> {
  if (await allMigrationsApplied(schema, databaseUrl)) return 'up-to-date';
  await prisma(schema, databaseUrl, ['migrate', 'deploy']);
  return 'applied';
}

async function allMigrationsApplied(schema: string, databaseUrl: string): Promise<boolean> {
  const wanted = migrationNames(schema);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.name));
    return wanted.every((name) => applied.has(name));
  } catch {
    return false; // no _prisma_migrations table yet
  } finally {
    await client.end();
  }
}

/** File, inside each migration folder, holding the schema that migration produced. */
export const SCHEMA_SNAPSHOT = 'schema.snapshot.prisma';

/**
 * The schema folder's files as one datamodel, as stored next to a migration.
 * With a driver adapter Prisma cannot diff against a migrated (shadow)
 * database offline, so each migration keeps a snapshot of the schema it
 * produced and the next migration is the diff from that snapshot.
 */
export function schemaSnapshot(schema: string): string {
  const dir = join(ROOT, 'prisma', schema, 'schema');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.prisma'))
    .sort()
    .map((file) => `// ---- ${file}\n${readFileSync(join(dir, file), 'utf8')}`)
    .join('\n');
}

/**
 * Prints the SQL of the next migration: from the latest migration's schema
 * snapshot (or from empty) to the current schema. The WebAssembly engine needs
 * a reachable database even to diff; nothing is written to it.
 */
export async function diffNextMigration(schema: string, scratchDatabaseUrl: string): Promise<string> {
  const latest = migrationNames(schema).at(-1);
  const from = latest
    ? ['--from-schema-datamodel', join('prisma', schema, 'migrations', latest, SCHEMA_SNAPSHOT)]
    : ['--from-empty'];
  return prisma(schema, scratchDatabaseUrl, [
    'migrate', 'diff', ...from, '--to-schema-datamodel', `prisma/${schema}/schema`, '--script',
  ]);
}
