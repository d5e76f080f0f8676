// Database tooling: `npm run db -- generate` | `migrate` | `new-migration <schema> <name>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRISMA_SCHEMAS, databaseUrlVariable } from '../infra/services';
import { diffFromEmpty, generateClient, migrateDatabase, migrationNames } from '../infra/prisma-cli';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'generate') {
    const started = Date.now();
    await Promise.all(PRISMA_SCHEMAS.map((schema) => generateClient(schema)));
    console.log(`Generated ${PRISMA_SCHEMAS.length} Prisma clients in ${Date.now() - started} ms`);
  } else if (command === 'migrate') {
    // Applies every schema whose <SCHEMA>_DATABASE_URL is set (the start tool sets them all).
    for (const schema of PRISMA_SCHEMAS) {
      const url = process.env[databaseUrlVariable(schema)];
      if (url) console.log(`${schema}: ${await migrateDatabase(schema, url)}`);
    }
  } else if (command === 'new-migration') {
    const [schema, name] = args;
    if (!schema || !name) throw new Error('usage: new-migration <schema> <snake_case_name>');
    if (migrationNames(schema).length > 0) {
      throw new Error(`${schema} already has migrations: write the next one by hand or diff against a migrated database`);
    }
    const scratchUrl = process.env['DATABASE_URL'];
    if (!scratchUrl) throw new Error('new-migration needs DATABASE_URL pointing at any reachable scratch database');
    const dir = join('prisma', schema, 'migrations', `${timestamp()}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), await diffFromEmpty(schema, scratchUrl));
    writeFileSync(join('prisma', schema, 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
    console.log(`Wrote ${dir}/migration.sql`);
  } else {
    throw new Error(`unknown command "${command ?? ''}" (generate | migrate | new-migration <schema> <name>)`);
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
