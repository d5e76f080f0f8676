import type { Logger } from '@nestjs/common';
import { systemActor } from '@oms/auth';
import type { Cause } from '../../orders/status/order-events';

/** The payment sweeps' own decisions: work a crash left undone (a pending authorization, a capture), taken up again. */
export const PAYMENT_SWEEP_ACTOR = systemActor('orders-payments');

/** What a sweep did with one order. */
export interface SweptOrder<R> {
  orderId: string;
  result: R;
}

/**
 * Runs `step` for each order in turn, on its own and as the sweep's actor. One that throws is logged and left out of
 * the results: its lease or grace runs out and a later sweep tries it again, so it never stops the orders after it.
 */
export async function sweepOrders<R>(
  orderIds: readonly string[], what: string, logger: Pick<Logger, 'error'>, step: (orderId: string, cause: Cause) => Promise<R>,
): Promise<Array<SweptOrder<R>>> {
  const results: Array<SweptOrder<R>> = [];
  for (const orderId of orderIds) {
    try {
      results.push({ orderId, result: await step(orderId, { correlationId: undefined, actor: PAYMENT_SWEEP_ACTOR }) });
    } catch (error) {
      logger.error(`${what} of order ${orderId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return results;
}
