// Public API of @oms/outbox. Everything else in this lib is internal.
export { appendManyToOutbox } from './append-many-to-outbox.util';
export { appendToOutbox, type OutboxMessage } from './append-to-outbox.util';
export { IdempotentBatchEffect, type BatchEvent, type BatchEffect } from './batch-effect.decorator';
export { IdempotentConsumer, type IdempotentOutcome } from './idempotent-consumer.service';
export {
  IdempotentListener,
  type IdempotentListenerOptions,
  type EffectContext,
  type IdempotentEffect,
  type IdempotentEffectMethod,
} from './idempotent-listener.decorator';
export { OUTBOX_DATABASE, OUTBOX_RELAY_LOCK_KEY } from './outbox.constants';
export { OutboxModule, type OutboxModuleAsyncOptions, type OutboxModuleOptions } from './outbox.module';
export type { OutboxRelayOptions } from './outbox-relay.options';
export { OutboxRelay } from './outbox-relay.service';
export { DEFAULT_OUTBOX_RETENTION_MS, type OutboxSweepOptions } from './outbox-sweep.options';
export { OutboxSweeper } from './outbox-sweeper.service';
export { IdempotentListenerOnPg, PgVariantDeclined } from './pg-variant.decorator';
export { PgChannelListener, type PgChannelListenerOptions } from './pg-channel.listener';
export { PgSqlClient } from './pg-sql-client';
export { PreparingPgClient } from './preparing-pg.client';
export { PgTransactionPool, type PgTransactionPoolOptions } from './pg-transaction-pool';
export type { SqlClient, TransactionalDatabase, TransactionRunner } from './sql-client.types';
