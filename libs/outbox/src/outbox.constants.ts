/**
 * Injection token of the service's database as a {@link TransactionalDatabase}.
 * The app binds it to its PrismaService in a global module:
 * `{ provide: OUTBOX_DATABASE, useExisting: PrismaService }`.
 */
export const OUTBOX_DATABASE = Symbol('OUTBOX_DATABASE');

/** Injection token of the resolved {@link OutboxRelayOptions}. */
export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

/** Injection token of the resolved {@link OutboxSweepOptions}. */
export const OUTBOX_SWEEP_OPTIONS = Symbol('OUTBOX_SWEEP_OPTIONS');

/**
 * Key of the transaction-level advisory lock the relay holds while it publishes.
 * Each service has its own database, so one constant is enough: it only has to
 * be unique among advisory locks taken in that database. ("outbox" in ASCII.)
 */
export const OUTBOX_RELAY_LOCK_KEY = '111117098111120';

/**
 * The channel a committed outbox write notifies (`pg_notify`, delivered at
 * commit), so the relay publishes at once instead of at its next poll.
 */
export const OUTBOX_NOTIFY_CHANNEL = 'outbox_event';
