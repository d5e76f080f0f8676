import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IdempotentConsumer } from './idempotent-consumer.service';
import { IdempotentListenerExplorer } from './idempotent-listener.explorer';
import { OUTBOX_RELAY_OPTIONS } from './outbox.constants';
import { resolveRelayOptions, type OutboxRelayOptions } from './outbox-relay.options';
import { OutboxRelay } from './outbox-relay.service';

/** Options of {@link OutboxModule.forRoot}. */
export interface OutboxModuleOptions {
  relay?: OutboxRelayOptions;
}

/**
 * The outbox relay and the idempotent consumer for a service's own database.
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
    return {
      module: OutboxModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: OUTBOX_RELAY_OPTIONS, useValue: resolveRelayOptions(options.relay) },
        OutboxRelay,
        IdempotentConsumer,
        IdempotentListenerExplorer,
      ],
      exports: [OutboxRelay, IdempotentConsumer],
    };
  }
}
