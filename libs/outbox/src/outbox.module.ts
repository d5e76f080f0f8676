import { type DynamicModule, type FactoryProvider, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IdempotentConsumer } from './idempotent-consumer.service';
import { IdempotentListenerExplorer } from './idempotent-listener.explorer';
import { OUTBOX_RELAY_OPTIONS, OUTBOX_SWEEP_OPTIONS } from './outbox.constants';
import { resolveRelayOptions, type OutboxRelayOptions } from './outbox-relay.options';
import { OutboxRelay } from './outbox-relay.service';
import { resolveSweepOptions, type OutboxSweepOptions } from './outbox-sweep.options';
import { OutboxSweeper } from './outbox-sweeper.service';
import { OutboxPgTransactions } from './outbox-pg-transactions';

/** Options of {@link OutboxModule.forRoot}. */
export interface OutboxModuleOptions {
  relay?: OutboxRelayOptions;
  /** Deleting published rows after a retention; off unless `intervalMs` > 0. */
  sweep?: OutboxSweepOptions;
}

/** Options of {@link OutboxModule.forRootAsync}: a factory of the options, e.g. from ConfigService. */
export interface OutboxModuleAsyncOptions {
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => OutboxModuleOptions | Promise<OutboxModuleOptions>;
}

const OUTBOX_MODULE_OPTIONS = Symbol('OUTBOX_MODULE_OPTIONS');

/**
 * The outbox relay, its retention sweep and the idempotent consumer for a
 * service's own database.
 *
 * Needs two things from the application, both global: `KafkaModule` (for
 * `EventPublisher`) and a provider of {@link OUTBOX_DATABASE}, normally
 * `{ provide: OUTBOX_DATABASE, useExisting: PrismaService }` exported by the
 * app's global database module. The token keeps this lib free of any one
 * service's generated Prisma client.
 */
@Module({})
export class OutboxModule {
  /** Registers the module globally; call once, in the root module. */
  static forRoot(options: OutboxModuleOptions = {}): DynamicModule {
    return OutboxModule.forRootAsync({ useFactory: () => options });
  }

  /** Like {@link forRoot}, with options built by a factory that may inject providers (ConfigService). */
  static forRootAsync(options: OutboxModuleAsyncOptions): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: OUTBOX_MODULE_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory as (...args: unknown[]) => unknown },
        { provide: OUTBOX_RELAY_OPTIONS, inject: [OUTBOX_MODULE_OPTIONS], useFactory: (o: OutboxModuleOptions) => resolveRelayOptions(o.relay) },
        { provide: OUTBOX_SWEEP_OPTIONS, inject: [OUTBOX_MODULE_OPTIONS], useFactory: (o: OutboxModuleOptions) => resolveSweepOptions(o.sweep) },
        OutboxPgTransactions,
        OutboxRelay,
        OutboxSweeper,
        IdempotentConsumer,
        IdempotentListenerExplorer,
      ],
      exports: [OutboxRelay, OutboxSweeper, IdempotentConsumer],
    };
  }
}
