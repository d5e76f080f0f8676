import { Injectable } from '@nestjs/common';
import type { DunningFinalAction, DunningStepV1 } from '@oms/contracts';
import type { DunningCase, Prisma, SalesOrder } from '../../generated/prisma/client';
import { PaymentSettingsService } from '../settings/payment-settings.service';
import { dunningStep, retryAt } from './dunning-ladder';

/**
 * The retry ladder of each subscription cycle's order whose authorization
 * failed. A case copies the ladder and final action in force when it opens,
 * so a later settings change does not move retries already promised.
 */
@Injectable()
export class DunningCases {
  constructor(private readonly settings: PaymentSettingsService) {}

  /**
   * Opens the case after the first failure; the step the failure event carries. The final action is the
   * subscription's own (carried on its due event) or, for subscriptions that chose none, the payment setting's.
   */
  async open(tx: Prisma.TransactionClient, order: SalesOrder, timeZone: string, at: Date, subscriptionFinalAction?: DunningFinalAction): Promise<DunningStepV1> {
    const settings = await this.settings.get(tx);
    const { dunningRetryDays } = settings;
    const dunningFinalAction = subscriptionFinalAction ?? settings.dunningFinalAction;
    const next = retryAt(at, dunningRetryDays, 1, timeZone);
    await tx.dunningCase.create({
      data: {
        orderId: order.id, subscriptionId: order.subscriptionId!, cycleIndex: order.cycleIndex!, cycleKey: order.cycleKey!, timeZone,
        retryDays: dunningRetryDays, finalAction: dunningFinalAction, firstFailedAt: at, failedAttempts: 1, nextAttemptAt: next,
        status: next ? 'open' : 'exhausted', updatedAt: at,
      },
    });
    return dunningStep(1, dunningRetryDays, next, dunningFinalAction);
  }

  /** Another failure: the next retry, or none (exhausted). */
  async failed(tx: Prisma.TransactionClient, found: DunningCase, at: Date): Promise<{ step: DunningStepV1; exhausted: boolean }> {
    const retryDays = found.retryDays as number[];
    const failedAttempts = found.failedAttempts + 1;
    const next = retryAt(found.firstFailedAt, retryDays, failedAttempts, found.timeZone);
    await tx.dunningCase.update({ where: { orderId: found.orderId }, data: { failedAttempts, nextAttemptAt: next, status: next ? 'open' : 'exhausted', updatedAt: at } });
    return { step: dunningStep(failedAttempts, retryDays, next, found.finalAction as DunningFinalAction), exhausted: next === null };
  }

  async recovered(tx: Prisma.TransactionClient, orderId: string, at: Date): Promise<void> {
    await tx.dunningCase.updateMany({ where: { orderId, status: 'open' }, data: { status: 'recovered', nextAttemptAt: null, updatedAt: at } });
  }

  /** Ends an open case whose order no longer waits for payment. */
  async close(tx: Prisma.TransactionClient, orderId: string, at: Date): Promise<void> {
    await tx.dunningCase.updateMany({ where: { orderId, status: 'open' }, data: { status: 'closed', nextAttemptAt: null, updatedAt: at } });
  }

  find(tx: Prisma.TransactionClient, orderId: string): Promise<DunningCase | null> {
    return tx.dunningCase.findUnique({ where: { orderId } });
  }

  /** Open cases due at `now`, oldest first, locked for this transaction (replicas skip each other's). */
  async claimDue(tx: Prisma.TransactionClient, now: Date, limit: number): Promise<string[]> {
    const rows = await tx.$queryRaw<{ orderId: string }[]>`
      SELECT order_id AS "orderId" FROM dunning_case WHERE status = 'open' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    return rows.map((r) => r.orderId);
  }
}
