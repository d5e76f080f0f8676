import { join } from 'node:path';
import { PORT_OFFSET, SERVICES, TEST_PROFILE, type ServiceName } from '@oms/local-infra';
import { authAs } from '@oms/testing';
import { spawnService, waitUntilReady, type ServiceProcess } from '../../../tools/dev/service-process';

/** The e2e services listen on their own ports, clear of `npm start`'s. */
export const E2E_PORTS: Record<ServiceName, number> = {
  catalog: 4101 + PORT_OFFSET, subscriptions: 4102 + PORT_OFFSET, orders: 4103 + PORT_OFFSET,
  fulfillment: 4104 + PORT_OFFSET, notifications: 4105 + PORT_OFFSET,
};

/**
 * The five services as separate Node processes against the run's Kafka and
 * PostgreSQL, each with a controllable business clock and the job on manual
 * runs, so a test can move time and trigger the job itself.
 */
export class E2eSystem {
  private readonly processes = new Map<ServiceName, ServiceProcess>();

  constructor(private readonly extraEnv: Record<string, string> = {}) {}

  async start(): Promise<void> {
    await Promise.all(SERVICES.map(({ name }) => this.startService(name)));
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${E2E_PORTS[service]}`;
  }

  async startService(name: ServiceName): Promise<void> {
    const env = {
      NODE_ENV: 'test', LOG_LEVEL: 'warn', CLOCK_CONTROL: 'true', SCHEDULER_INTERVAL_MS: '0', LATE_ORDER_WATCHDOG_INTERVAL_MS: '0', DUNNING_INTERVAL_MS: '0', OUTBOX_SWEEP_INTERVAL_MS: '0',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_BROKERS: process.env['KAFKA_BROKERS']!, DATABASE_URL: process.env[`${name.toUpperCase()}_DATABASE_URL`]!,
      ...this.extraEnv,
    };
    const service = spawnService(name, E2E_PORTS[name], env, join(TEST_PROFILE.stateDir, 'e2e-logs'), () => undefined);
    this.processes.set(name, service);
    // Five processes compiling TypeScript at once on a loaded 2-core machine can take over a minute.
    await waitUntilReady(service, 150000);
  }

  /** Kills a service without warning (no shutdown hooks), as a crash or OOM kill would. */
  async kill(name: ServiceName): Promise<void> {
    const service = this.processes.get(name)!;
    service.child.kill('SIGKILL');
    await service.exited;
  }

  /** Sets every service's business clock. */
  async setClock(now: Date): Promise<void> {
    await Promise.all(SERVICES.map(async ({ name }) => {
      const response = await fetch(`${this.url(name)}/testing/clock`, { method: 'PUT', headers: { ...authAs('admin'), 'content-type': 'application/json' }, body: JSON.stringify({ now: now.toISOString() }) });
      if (!response.ok) throw new Error(`${name}: PUT /testing/clock answered ${response.status}`);
    }));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((service) => service.stop()));
  }
}
