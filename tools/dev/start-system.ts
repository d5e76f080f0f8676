// `npm start`: Kafka, PostgreSQL (embedded unless KAFKA_BROKERS / DATABASE_URL
// are given), databases, migrations, topics, then the five services as separate
// processes. Ctrl-C or SIGTERM stops services first, then the infrastructure.
import { join } from 'node:path';
import { authEnvironment, DEV_PROFILE, SERVICES, startInfra, type RunningInfra } from '../infra';
import { spawnService, waitUntilReady, type ServiceProcess } from './service-process';

const READY_TIMEOUT_MS = 90000;
const verbose = process.argv.includes('--verbose');
const say = (line: string) => console.log(`[start] ${line}`);

/** A demo address the local mail sink receives like any other. */
const DEMO_STORE_MANAGER = 'store-manager@demo.oms.local';

async function main(): Promise<void> {
  const begun = Date.now();
  let infra: RunningInfra | undefined;
  const services: ServiceProcess[] = [];
  let stopping = false;
  let startingInfra = true;
  let stopRequested: number | undefined;
  const stopAll = async (code: number) => {
    if (startingInfra) {
      // The broker and database are half started and not ours to stop yet: finish, then stop in order.
      stopRequested ??= code;
      say('stopping as soon as the infrastructure has started...');
      return;
    }
    if (stopping) return;
    stopping = true;
    say('stopping services...');
    await Promise.all(services.map((service) => service.stop()));
    if (infra) {
      say(`stopping ${infra.started.join(' and ') || 'nothing (external infrastructure)'}...`);
      await infra.stop();
    }
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    infra = await startInfra(DEV_PROFILE, { fresh: false, log: say }).finally(() => (startingInfra = false));
    if (stopRequested !== undefined) return void (await stopAll(stopRequested));
    const logDir = join(DEV_PROFILE.stateDir, 'logs');
    for (const { name, port } of SERVICES) {
      const env = {
        NODE_ENV: 'development', KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrls[name], SMTP_URL: infra.smtpUrl, ...authEnvironment(infra),
        // the walk-through's store manager (rental notices, out-of-stock copies) until PUT /settings/notifications names another
        ...(name === 'notifications' && { STORE_MANAGER_EMAIL: process.env['STORE_MANAGER_EMAIL'] ?? DEMO_STORE_MANAGER }),
      };
      const echo = (line: string) => (verbose || !line.startsWith('{') ? console.log(`[${name}] ${line}`) : undefined);
      services.push(spawnService(name, port, env, logDir, echo));
    }
    const readyAfter = await Promise.all(services.map((service) => waitUntilReady(service, READY_TIMEOUT_MS)));
    say(`all services ready in ${Date.now() - begun} ms:`);
    services.forEach((s, i) =>
      say(`  ${s.name.padEnd(14)} http://127.0.0.1:${s.port}  (docs /docs, health /health/ready, ready after ${readyAfter[i]} ms, log ${s.logFile})`),
    );
    say('tokens: TOKEN=$(npm run -s token -- --role admin), then curl -H "authorization: Bearer $TOKEN" ...');
    say('press Ctrl-C to stop');
    for (const service of services) {
      void service.exited.then((code) => {
        if (!stopping) {
          say(`${service.name} exited unexpectedly (code ${code}); stopping everything`);
          void stopAll(1);
        }
      });
    }
  } catch (error) {
    startingInfra = false;
    say(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

void main();
