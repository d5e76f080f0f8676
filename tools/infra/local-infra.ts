import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '@oms/auth';
import { TOPIC_SPECS } from '@oms/contracts';
import { ensureTopics, kafkaSecurityFrom } from '@oms/kafka';
import { databaseUrl, ensureDatabases, recreateDatabases } from './databases';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureKafkaJars, kafkaVersion, startKafkaBroker } from './kafka-broker';
import { signingKeyFile, startLocalIssuer } from './local-issuer';
import { startMailSink, type MailSink } from './mail-sink';
import { migrateDatabase } from './prisma-cli';
import type { InfraProfile } from './profiles';
import { databaseName, databaseUrlVariable } from './services';

/** Kafka and PostgreSQL as the services and tests see them. */
export interface RunningInfra {
  kafkaBrokers: string;
  /** Database URL per Prisma schema name (catalog, orders, ..., messaging-proof). */
  databaseUrls: Record<string, string>;
  /** SMTP address the notifications service sends to. */
  smtpUrl: string;
  /** The embedded sink, when one was started (SMTP_URL not given): read what it received. */
  mailSink?: MailSink;
  /** Token checking as the services see it (AUTH_* variables); keyFile when the local issuer signs (npm run token, tests). */
  auth: { issuer?: string; audience?: string; jwksUrl: string; keyFile?: string };
  /** What was started here (external infrastructure is never stopped). */
  started: string[];
  stop(): Promise<void>;
}

export interface StartInfraOptions {
  /** Drop databases and Kafka data first (tests start from nothing). */
  fresh: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * Starts whatever is not given explicitly: `KAFKA_BROKERS` skips the embedded
 * broker, `DATABASE_URL` (any database on a server) skips embedded PostgreSQL,
 * `<SCHEMA>_DATABASE_URL` pins one schema's database, and `AUTH_JWKS_URL` skips
 * the local token issuer. Then creates each database, applies every pending
 * migration and creates every topic.
 */
export async function startInfra(profile: InfraProfile, options: StartInfraOptions): Promise<RunningInfra> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((e: unknown) => log(`stop failed: ${String(e)}`));
  };
  try {
    const [kafkaBrokers, serverUrl] = await Promise.all([
      env['KAFKA_BROKERS'] ?? startBroker(profile, options.fresh, stops, started, log),
      env['DATABASE_URL'] ?? startPostgres(profile, stops, started, log),
    ]);
    const databaseUrls = await prepareDatabases(profile, serverUrl, options.fresh, env, log);
    const mailSink = env['SMTP_URL'] ? undefined : await startSink(profile, options.fresh, stops, started, log);
    const smtpUrl = env['SMTP_URL'] ?? mailSink!.smtpUrl;
    const auth = env['AUTH_JWKS_URL']
      ? { issuer: env['AUTH_ISSUER'], audience: env['AUTH_AUDIENCE'], jwksUrl: env['AUTH_JWKS_URL'] }
      : await startIssuer(profile, stops, started, log);
    // An explicit (possibly secured) cluster takes the KAFKA_SASL_* / KAFKA_SSL* variables; the embedded broker is plaintext.
    const security = env['KAFKA_BROKERS'] ? kafkaSecurityFrom(env) : {};
    const created = await ensureTopics(kafkaBrokers.split(','), TOPIC_SPECS, security);
    log(`kafka: ${kafkaBrokers} (${created.length} topics created, ${TOPIC_SPECS.length - created.length} existed)`);
    return { kafkaBrokers, databaseUrls, smtpUrl, mailSink, auth, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startBroker(
  profile: InfraProfile, fresh: boolean, stops: Array<() => Promise<void>>, started: string[], log: (l: string) => void,
): Promise<string> {
  const begun = Date.now();
  await ensureKafkaJars();
  const dataDir = join(profile.stateDir, 'kafka');
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  const broker = await startKafkaBroker({
    dataDir, port: profile.kafkaPort, controllerPort: profile.kafkaControllerPort, detached: true,
  });
  stops.push(() => broker.stop());
  started.push('kafka');
  log(`kafka: broker ${kafkaVersion()} ready on ${broker.brokers} in ${Date.now() - begun} ms (log: ${dataDir}/broker.log)`);
  return broker.brokers;
}

async function startSink(
  profile: InfraProfile, fresh: boolean, stops: Array<() => Promise<void>>, started: string[], log: (l: string) => void,
): Promise<MailSink> {
  const dir = join(profile.stateDir, 'mail');
  if (fresh) rmSync(dir, { recursive: true, force: true });
  const sink = await startMailSink({ port: profile.mailSmtpPort, dir, httpPort: profile.mailHttpPort });
  stops.push(() => sink.stop());
  started.push('mail sink');
  log(`mail: SMTP sink at ${sink.smtpUrl}, received mail at ${sink.httpUrl} (files in ${dir})`);
  return sink;
}

async function startIssuer(
  profile: InfraProfile, stops: Array<() => Promise<void>>, started: string[], log: (l: string) => void,
): Promise<RunningInfra['auth']> {
  const issuer = await startLocalIssuer({ keyFile: signingKeyFile(profile.stateDir), port: profile.authPort });
  stops.push(() => issuer.stop());
  started.push('token issuer');
  log(`auth: local issuer's keys at ${issuer.jwksUrl} (signing key ${issuer.keyFile}; npm run token prints a token)`);
  return { jwksUrl: issuer.jwksUrl, keyFile: issuer.keyFile };
}

async function startPostgres(
  profile: InfraProfile, stops: Array<() => Promise<void>>, started: string[], log: (l: string) => void,
): Promise<string> {
  const begun = Date.now();
  const pg = await startEmbeddedPostgres({ dataDir: join(profile.stateDir, 'postgres'), port: profile.postgresPort });
  stops.push(() => pg.stop());
  started.push('postgres');
  log(`postgres: embedded server ready on port ${profile.postgresPort} in ${Date.now() - begun} ms`);
  return pg.adminUrl;
}

async function prepareDatabases(
  profile: InfraProfile, serverUrl: string, fresh: boolean, env: NodeJS.ProcessEnv, log: (l: string) => void,
): Promise<Record<string, string>> {
  const begun = Date.now();
  const urls: Record<string, string> = {};
  const owned: string[] = [];
  for (const schema of profile.schemas) {
    const pinned = env[databaseUrlVariable(schema)];
    const name = `${profile.databasePrefix}${databaseName(schema)}`;
    urls[schema] = pinned ?? databaseUrl(serverUrl, name);
    if (!pinned) owned.push(name);
  }
  await (fresh ? recreateDatabases : ensureDatabases)(serverUrl, owned);
  const results = await Promise.all(
    profile.schemas.map(async (schema) => `${schema} ${await migrateDatabase(schema, urls[schema]!)}`),
  );
  log(`postgres: databases ready in ${Date.now() - begun} ms (${results.join(', ')})`);
  return urls;
}

/** The AUTH_* variables a service needs to check the tokens of this infrastructure's issuer. */
export function authEnvironment(infra: RunningInfra): Record<'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_JWKS_URL', string> {
  return { AUTH_ISSUER: infra.auth.issuer ?? LOCAL_ISSUER, AUTH_AUDIENCE: infra.auth.audience ?? LOCAL_AUDIENCE, AUTH_JWKS_URL: infra.auth.jwksUrl };
}
