import { resolve } from 'node:path';
import { LOCAL_JWKS_PORT } from '@oms/auth';
import { PRISMA_SCHEMAS, SERVICES } from './services';

/** Where a local infrastructure keeps its state and which ports it binds. */
export interface InfraProfile {
  name: 'dev' | 'test' | 'bench';
  stateDir: string;
  postgresPort: number;
  kafkaPort: number;
  kafkaControllerPort: number;
  /** Prefix of database names, so tests never touch the dev system's data on a shared server. */
  databasePrefix: string;
  /** Prisma schemas whose databases this profile prepares. */
  schemas: readonly string[];
  /** Embedded SMTP sink receiving the notifications service's mail (0 = any free port). */
  mailSmtpPort: number;
  /** Where the sink lists received mail over HTTP (GET /messages); 0 = any free port. */
  mailHttpPort: number;
  /** Where the local token issuer serves its JWKS (0 = any free port). */
  authPort: number;
}

const ROOT = resolve(__dirname, '../..');

/**
 * Shifts every port of the test and bench profiles (and the e2e and bench service
 * ports), so several clones can run their suites side by side on one machine.
 */
export const PORT_OFFSET = Number(process.env['OMS_PORT_OFFSET'] ?? 0) || 0;

/** `npm start`: the ports docker-compose.yml uses too. */
export const DEV_PROFILE: InfraProfile = {
  name: 'dev',
  stateDir: resolve(ROOT, '.local/dev'),
  postgresPort: 54320,
  kafkaPort: 9092,
  kafkaControllerPort: 9093,
  databasePrefix: '',
  schemas: SERVICES.map((service) => service.name),
  mailSmtpPort: 2525,
  mailHttpPort: 8025,
  authPort: LOCAL_JWKS_PORT,
};

/**
 * `npm test`: separate ports and state, so tests can run while the dev system is up.
 * Test and bench ports stay below Linux's ephemeral range (32768-60999 by default): a port in
 * it can be held, at the moment a server binds it, as the local end of any outgoing connection
 * (the suite opens thousands), and the start then fails with EADDRINUSE now and then.
 */
export const TEST_PROFILE: InfraProfile = {
  name: 'test',
  stateDir: resolve(ROOT, '.local/test'),
  postgresPort: 15430 + PORT_OFFSET,
  kafkaPort: 19092 + PORT_OFFSET,
  kafkaControllerPort: 19093 + PORT_OFFSET,
  databasePrefix: 'test_',
  schemas: PRISMA_SCHEMAS,
  mailSmtpPort: 0,
  mailHttpPort: 0,
  authPort: 0,
};

/** Benchmarks: their own ports and state, so they never touch dev or test data (below the ephemeral range too). */
export const BENCH_PROFILE: InfraProfile = {
  name: 'bench',
  stateDir: resolve(ROOT, '.local/bench'),
  postgresPort: 15460 + PORT_OFFSET,
  kafkaPort: 29092 + PORT_OFFSET,
  kafkaControllerPort: 29093 + PORT_OFFSET,
  databasePrefix: 'bench_',
  schemas: SERVICES.map((service) => service.name),
  mailSmtpPort: 0,
  mailHttpPort: 0,
  authPort: 0,
};
