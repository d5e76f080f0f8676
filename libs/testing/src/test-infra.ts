import { startInfra, TEST_PROFILE, type RunningInfra } from '@oms/local-infra';
import { databaseUrlVariable } from '@oms/local-infra';
import { SIGNING_KEY_VARIABLE } from './auth-tokens';
import { dockerEngineReachable, startContainerInfra } from './container-infra';

/** Which of the three paths provided the infrastructure. */
export type InfraSource = 'environment' | 'testcontainers' | 'local';

/**
 * Picks the infrastructure for a test run: explicit `KAFKA_BROKERS` and
 * `DATABASE_URL` always win; `OMS_TEST_INFRA=containers` runs Testcontainers
 * (and fails when no Docker engine answers); otherwise the project's own local
 * tooling (a real Kafka broker from Maven Central jars and embedded PostgreSQL).
 * The container path is opt-in so that a Docker engine started for something
 * else on the machine never changes what `npm test` runs against.
 */
export async function startTestInfra(log: (line: string) => void): Promise<{ infra: RunningInfra; source: InfraSource }> {
  const explicit = Boolean(process.env['KAFKA_BROKERS'] && process.env['DATABASE_URL']);
  if (explicit) return { infra: await startInfra(TEST_PROFILE, { fresh: true, log }), source: 'environment' };
  if (process.env['OMS_TEST_INFRA'] === 'containers') {
    if (!(await dockerEngineReachable())) throw new Error('OMS_TEST_INFRA=containers but no Docker engine answers');
    return { infra: await startContainerInfra(log), source: 'testcontainers' };
  }
  return { infra: await startInfra(TEST_PROFILE, { fresh: true, log }), source: 'local' };
}

/** Publishes the infrastructure's addresses to this process and the test workers it spawns. */
export function exportInfraEnvironment(infra: RunningInfra): void {
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers;
  process.env['SMTP_URL'] = infra.smtpUrl;
  for (const [schema, url] of Object.entries(infra.databaseUrls)) process.env[databaseUrlVariable(schema)] = url;
  process.env['AUTH_JWKS_URL'] = infra.auth.jwksUrl;
  if (infra.auth.issuer) process.env['AUTH_ISSUER'] = infra.auth.issuer;
  if (infra.auth.audience) process.env['AUTH_AUDIENCE'] = infra.auth.audience;
  if (infra.auth.keyFile) process.env[SIGNING_KEY_VARIABLE] = infra.auth.keyFile;
}
