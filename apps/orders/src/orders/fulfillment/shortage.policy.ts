import type { OrderStatus, OutOfStockPolicy, ReservationLineV1, StockOutcome } from '@oms/contracts';

/**
 * What a stock shortage does to an order, per its out-of-stock policy:
 * backorder waits for stock (fulfillment retries and later reports reserved);
 * skip and pause cancel this order. The typed `stockOutcome` travels on the
 * order event (subscriptions skips the cycle or pauses the subscription on it);
 * `reason` is for people.
 */
export function shortageOutcome(policy: OutOfStockPolicy, lines: ReservationLineV1[]): { to: OrderStatus; reason: string; stockOutcome: StockOutcome } {
  const short = lines.filter((l) => (l.shortBy ?? 0) > 0).map((l) => `${l.sku} short by ${l.shortBy}`).join(', ');
  switch (policy) {
    case 'skip':
      return { to: 'cancelled', reason: 'out-of-stock: cycle skipped', stockOutcome: 'skipped' };
    case 'pause':
      return { to: 'cancelled', reason: 'out-of-stock: subscription paused', stockOutcome: 'paused' };
    default:
      return { to: 'backordered', reason: `out-of-stock: backordered${short ? ` (${short})` : ''}`, stockOutcome: 'backordered' };
  }
}
