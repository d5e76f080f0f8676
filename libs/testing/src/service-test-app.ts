import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DEFAULT_OUTBOX_RETENTION_MS } from '@oms/outbox';
import { configureApp } from '@oms/service-runtime';
import { clearTopics } from './clear-topics';

export interface ServiceTestAppOptions {
  /** Service name: picks <SERVICE>_DATABASE_URL set by the global setup. */
  service: string;
  /** Loads the AppModule after the environment is set (config is read at import time). */
  loadModule: () => Promise<Type<unknown>>;
  /** Extra variables, e.g. a feature switch. */
  env?: Record<string, string>;
  /** Replace providers, e.g. the clock. */
  overrides?: Array<{ provide: unknown; useValue: unknown }>;
  /** true for a second replica started inside a test: keep the events the test already produced. */
  keepTopics?: boolean;
}

/**
 * Boots a service's real AppModule against the run's Kafka and PostgreSQL,
 * with the same HTTP setup as production (validation, OpenAPI, shutdown hooks).
 * The consumer group is the service name, as in production. Topics are
 * emptied first (unless keepTopics), so the service sees no events left by
 * earlier suites of the run, which share the broker.
 */
export async function createServiceTestApp(options: ServiceTestAppOptions): Promise<INestApplication> {
  const databaseUrl = process.env[`${options.service.toUpperCase()}_DATABASE_URL`];
  if (!databaseUrl || !process.env['KAFKA_BROKERS']) {
    throw new Error('Test infrastructure missing: run integration tests through jest so the global setup starts it');
  }
  if (!options.keepTopics) await clearTopics();
  // Tests read published outbox rows, so their services keep them (the sweep's default retention, 7 days) where the
  // product's default (0) has the relay delete them; the sweep is off, so nothing else removes them mid-test.
  Object.assign(process.env, {
    NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', OUTBOX_SWEEP_INTERVAL_MS: '0', OUTBOX_RETENTION_MS: String(DEFAULT_OUTBOX_RETENTION_MS),
    ...options.env,
  });
  const appModule = await options.loadModule();
  let builder = Test.createTestingModule({ imports: [appModule] });
  for (const override of options.overrides ?? []) {
    builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, options.service);
  await app.init();
  return app;
}
