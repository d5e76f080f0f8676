/** The request header (Stripe's name), and the response header marking a replayed answer. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Injection token of the service's database (its PrismaService) for the idempotency_key table. */
export const IDEMPOTENCY_DATABASE = Symbol('IDEMPOTENCY_DATABASE');

/** How long a key is remembered (Stripe: 24 hours); after that the key may be used again. */
export const KEY_RETENTION_HOURS = 24;

/**
 * A key whose first request never finished (the process died between its
 * commit and recording the answer) is taken over by a retry after this long.
 */
export const ABANDONED_AFTER_SECONDS = 300;
