import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, isEventOfType, Topics, type DunningExhaustedV1, type DunningFinalAction, type EventEnvelope, type PaymentEventV1 } from '@oms/contracts';
import { IdempotentListener } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { cancelBySystem, pauseBySystem, skipOrderedCycle, type SystemCause } from './system-changes';

/** What the final action did, as the cycle ledger records it. */
const DUNNING_OUTCOME: Record<DunningFinalAction, string> = { pause: 'paused', cancel: 'cancelled', skip: 'skipped' };
const SAID: Record<DunningFinalAction, string> = { pause: 'subscription paused', cancel: 'subscription cancelled', skip: 'this cycle skipped' };

/**
 * Payments of subscription cycles' orders (orders' payment topic; one order's events arrive in order, keyed by order):
 * - authorized / authorization failed: the cycle ledger's paymentOutcome (authorized, failing, recovered after
 *   failures) and its failed attempts; never back from exhausted;
 * - dunning exhausted: the cycle is exhausted and the subscription's final action applies, as system:subscriptions
 *   with reasonCode payment-failed: pause the subscription, cancel it, or count this cycle as skipped and carry on.
 * One-off orders (no cycle key) are not ours.
 */
@Injectable()
export class PaymentOutcomesConsumer {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @IdempotentListener(Topics.payment, 'subscriptions.payment-outcomes', {
    types: [EventTypes.paymentAuthorized, EventTypes.paymentAuthorizationFailed, EventTypes.dunningExhausted],
  })
  async recordPayment(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (isEventOfType(envelope, EventTypes.dunningExhausted)) return this.exhausted(tx, envelope);
    const payment = envelope.data as PaymentEventV1;
    if (!payment.cycleKey || payment.type !== 'authorization') return;
    if (payment.status === 'succeeded') {
      await tx.$executeRaw`
        UPDATE subscription_cycle
        SET payment_outcome = CASE WHEN payment_failed_attempts > 0 THEN 'recovered' ELSE 'authorized' END
        WHERE cycle_key = ${payment.cycleKey} AND payment_outcome IS DISTINCT FROM 'exhausted'`;
      return;
    }
    // The ladder counts the failures; a failure outside it (none opened) still counts one more.
    const failed = payment.dunning?.failedAttempts ?? null;
    await tx.$executeRaw`
      UPDATE subscription_cycle
      SET payment_outcome = 'failing', payment_failed_attempts = GREATEST(payment_failed_attempts, COALESCE(${failed}::int, payment_failed_attempts + 1))
      WHERE cycle_key = ${payment.cycleKey} AND payment_outcome IS DISTINCT FROM 'exhausted'`;
  }

  private async exhausted(tx: Prisma.TransactionClient, envelope: EventEnvelope<DunningExhaustedV1>): Promise<void> {
    const data = envelope.data;
    const cycle = await tx.subscriptionCycle.findUnique({ where: { cycleKey: data.cycleKey } });
    if (!cycle || cycle.paymentOutcome === 'exhausted') return; // not ours, or applied already
    const cause: SystemCause = {
      event: envelope, reasonCode: 'payment-failed', at: this.clock.now(),
      reason: `payment of order ${data.orderNumber} (cycle ${data.cycleIndex}) failed ${data.failedAttempts} times: ${SAID[data.finalAction]}`,
    };
    const applied =
      data.finalAction === 'pause' ? await pauseBySystem(tx, data.subscriptionId, cause)
      : data.finalAction === 'cancel' ? await cancelBySystem(tx, data.subscriptionId, cause)
      : (await skipOrderedCycle(tx, data.subscriptionId, cycle, cause), true);
    await tx.subscriptionCycle.update({
      where: { cycleKey: data.cycleKey },
      // A subscription already paused or cancelled by someone else keeps that; the ledger then names no dunning outcome.
      data: { paymentOutcome: 'exhausted', paymentFailedAttempts: data.failedAttempts, dunningOutcome: applied ? DUNNING_OUTCOME[data.finalAction] : null },
    });
  }
}
