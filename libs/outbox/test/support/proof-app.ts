import { Global, Module, type INestApplicationContext, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KafkaModule } from '@oms/kafka';
import { OUTBOX_DATABASE, OutboxModule, type OutboxRelayOptions } from '../../src';
import type { PrismaClient } from '../generated/prisma/client';
import { createProofDatabase, proofDatabaseUrl } from './proof-database';

/** The proof database as a provider (PrismaService stand-in). */
export class ProofDatabase implements OnApplicationShutdown {
  readonly client: PrismaClient = createProofDatabase();

  async onApplicationShutdown(): Promise<void> {
    await this.client.$disconnect();
  }
}

export interface ProofAppOptions {
  groupId: string;
  relay?: OutboxRelayOptions;
  listeners?: Type<unknown>[];
  handlerRetries?: number;
  retryBaseDelayMs?: number;
  sessionTimeoutMs?: number;
  /** Give the relay the database URL, as a service's PrismaService does, so it LISTENs for outbox writes. */
  wakeups?: boolean;
}

/**
 * A small service like the real ones: a global database module binding
 * OUTBOX_DATABASE, KafkaModule.forRootAsync, OutboxModule and the given listeners.
 * Call `close()` to shut it down the way a service does on SIGTERM.
 */
export async function createProofApp(options: ProofAppOptions): Promise<INestApplicationContext> {
  const database: Provider[] = [
    ProofDatabase,
    {
      provide: OUTBOX_DATABASE,
      useFactory: (db: ProofDatabase) => (options.wakeups ? Object.defineProperty(db.client, 'databaseUrl', { value: proofDatabaseUrl() }) : db.client),
      inject: [ProofDatabase],
    },
  ];

  @Global()
  @Module({ providers: database, exports: database })
  class ProofDatabaseModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      ProofDatabaseModule,
      KafkaModule.forRootAsync({
        useFactory: () => ({
          clientId: `proof-${options.groupId}-${process.pid}`,
          brokers: brokersFromEnv(),
          groupId: options.groupId,
          handlerRetries: options.handlerRetries,
          retryBaseDelayMs: options.retryBaseDelayMs ?? 20,
          sessionTimeoutMs: options.sessionTimeoutMs ?? 6_000,
          // The proofs can run with a deployment's consumer settings (README variables); unset = the module's defaults.
          partitionsConcurrency: numberFromEnv('KAFKA_PARTITIONS_CONCURRENCY'),
          maxBatchSize: numberFromEnv('KAFKA_MAX_BATCH_SIZE'),
        }),
      }),
      OutboxModule.forRoot({ relay: { intervalMs: 20, ...options.relay } }),
    ],
    providers: options.listeners ?? [],
  }).compile();
  // No HTTP server needed: the testing module is itself an application context with all lifecycle hooks.
  moduleRef.useLogger(['error', 'warn']);
  return moduleRef.init();
}

/** Broker list published by the integration global setup. */
export function brokersFromEnv(): string[] {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run with the integration jest project');
  return brokers.split(',');
}

function numberFromEnv(name: string): number | undefined {
  const value = process.env[name];
  return value ? Number(value) : undefined;
}
