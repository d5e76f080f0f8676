// Infrastructure tooling: `npm run infra -- generate | migrate | topics | setup | mail-sink | issuer | new-migration <schema> <name>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPIC_SPECS } from '@oms/contracts';
import { ensureTopics, kafkaSecurityFrom } from '@oms/kafka';
import { databaseUrl, ensureDatabases } from './databases';
import { signingKeyFile, startLocalIssuer } from './local-issuer';
import { startMailSink } from './mail-sink';
import { DEV_PROFILE } from './profiles';
import { PRISMA_SCHEMAS, SERVICES, databaseName, databaseUrlVariable } from './services';
import { SCHEMA_SNAPSHOT, diffNextMigration, generateClient, migrateDatabase, schemaSnapshot } from './prisma-cli';

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
  } else if (command === 'topics') {
    // Creates every topic with its explicit partition count (broker auto-create is off).
    const brokers = process.env['KAFKA_BROKERS'];
    if (!brokers) throw new Error('topics needs KAFKA_BROKERS');
    const created = await ensureTopics(brokers.split(','), TOPIC_SPECS, kafkaSecurityFrom(process.env));
    console.log(`topics: ${created.length} created, ${TOPIC_SPECS.length - created.length} already existed`);
  } else if (command === 'setup') {
    // What a container deployment runs once before the services: each service's database on the
    // DATABASE_URL server, its migrations, and every topic.
    const serverUrl = required('DATABASE_URL');
    const names = SERVICES.map((service) => databaseName(service.name));
    await ensureDatabases(serverUrl, names);
    for (const { name } of SERVICES) console.log(`${name}: ${await migrateDatabase(name, databaseUrl(serverUrl, databaseName(name)))}`);
    const created = await ensureTopics(required('KAFKA_BROKERS').split(','), TOPIC_SPECS, kafkaSecurityFrom(process.env));
    console.log(`topics: ${created.length} created, ${TOPIC_SPECS.length - created.length} already existed`);
  } else if (command === 'mail-sink') {
    // The SMTP sink as a process of its own (a container): every address, MAIL_SMTP_PORT and MAIL_HTTP_PORT.
    const sink = await startMailSink({
      host: '0.0.0.0', dir: process.env['MAIL_DIR'] ?? '.local/mail',
      port: Number(process.env['MAIL_SMTP_PORT'] ?? 2525), httpPort: Number(process.env['MAIL_HTTP_PORT'] ?? 8025),
    });
    console.log(`mail sink: SMTP on port ${new URL(sink.smtpUrl).port}, received mail at ${sink.httpUrl}`);
    const stop = () => void sink.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } else if (command === 'issuer') {
    // The local token issuer as a process of its own (a container): serves the JWKS of the key that
    // `npm run token` signs with (AUTH_KEY_FILE, default .local/dev/auth/signing-key.json) on AUTH_ISSUER_PORT.
    const issuer = await startLocalIssuer({
      host: '0.0.0.0', keyFile: process.env['AUTH_KEY_FILE'] ?? signingKeyFile(DEV_PROFILE.stateDir), port: Number(process.env['AUTH_ISSUER_PORT'] ?? 8090),
    });
    console.log(`local issuer: JWKS on port ${new URL(issuer.jwksUrl).port} (key ${issuer.keyFile})`);
    const stop = () => void issuer.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } else if (command === 'new-migration') {
    const [schema, name] = args;
    if (!schema || !name) throw new Error('usage: new-migration <schema> <snake_case_name>');
    const scratchUrl = process.env['DATABASE_URL'];
    if (!scratchUrl) throw new Error('new-migration needs DATABASE_URL: any reachable database (nothing is written to it)');
    const sql = await diffNextMigration(schema, scratchUrl);
    if (!/CREATE|ALTER|DROP/.test(sql)) {
      console.log(`${schema}: schema and migrations already agree; nothing written`);
      return;
    }
    const dir = join('prisma', schema, 'migrations', `${timestamp()}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), sql);
    writeFileSync(join(dir, SCHEMA_SNAPSHOT), schemaSnapshot(schema));
    writeFileSync(join('prisma', schema, 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
    console.log(`Wrote ${dir}/migration.sql`);
  } else {
    throw new Error(`unknown command "${command ?? ''}" (generate | migrate | topics | setup | mail-sink | issuer | new-migration <schema> <name>)`);
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
