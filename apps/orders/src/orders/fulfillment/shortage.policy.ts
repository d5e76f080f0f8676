import type { OrderStatus, OutOfStockPolicy, ReservationLineV1 } from '@oms/contracts';

/**
 * What a stock shortage does to an order, per its out-of-stock policy:
 * backorder waits for stock (fulfillment retries and later reports reserved);
 * skip and pause cancel this order (subscriptions reads the reason to skip the
 * cycle or pause the subscription).
 */
export function shortageOutcome(policy: OutOfStockPolicy, lines: ReservationLineV1[]): { to: OrderStatus; reason: string } {
  const short = lines.filter((l) => (l.shortBy ?? 0) > 0).map((l) => `${l.sku} short by ${l.shortBy}`).join(', ');
  switch (policy) {
    case 'skip':
      return { to: 'cancelled', reason: 'out-of-stock: cycle skipped' };
    case 'pause':
      return { to: 'cancelled', reason: 'out-of-stock: subscription paused' };
    default:
      return { to: 'backordered', reason: `out-of-stock: backordered${short ? ` (${short})` : ''}` };
  }
}
