/**
 * What a subscription wants when its cycle's stock runs short:
 * - `backorder`: the order waits as backordered and is reserved as soon as stock arrives;
 * - `skip`: this cycle's order is cancelled and the cycle counts as skipped;
 * - `pause`: this cycle's order is cancelled and the subscription is paused.
 */
export const OUT_OF_STOCK_POLICIES = ['backorder', 'skip', 'pause'] as const;
/** One of {@link OUT_OF_STOCK_POLICIES}. */
export type OutOfStockPolicy = (typeof OUT_OF_STOCK_POLICIES)[number];

/**
 * What an out-of-stock policy did with an order, as a typed fact on the order event:
 * `backordered` (waits for stock), `skipped` (this cycle's order cancelled),
 * `paused` (cancelled and the subscription paused).
 */
export const STOCK_OUTCOMES = ['backordered', 'skipped', 'paused'] as const;
/** One of {@link STOCK_OUTCOMES}. */
export type StockOutcome = (typeof STOCK_OUTCOMES)[number];
