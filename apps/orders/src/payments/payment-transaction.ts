/**
 * Options of every transaction that records a payment (authorization answers, captures, retries, refunds). Retries,
 * voids and refunds still ask the provider inside theirs, under the order's row lock, so 30 s leaves a slow provider
 * time to answer before the transaction is ended; one place, so those writers cannot drift apart.
 */
export const PAYMENT_TX = { timeout: 30000, maxWait: 5000 } as const;
