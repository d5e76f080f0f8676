import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FraudEvaluationV1, ShipToV1 } from '@oms/contracts';
import type { Prisma } from '../generated/prisma/client';
import { evaluateFraud, hasRules } from './fraud-rules';
import { FraudRulesSettings } from './fraud-rules.settings';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The order being placed, as the fraud rules see it. */
export interface OrderToScreen {
  customerId: string;
  customerEmail: string | null;
  currency: string;
  totalMinor: number;
  shipTo: ShipToV1 | null;
  billTo: ShipToV1 | null;
}

/** The verdict: the evaluation to record and publish, and the fraud hold to place when the score reached the threshold. */
export interface FraudVerdict {
  evaluation: FraudEvaluationV1;
  hold: { type: 'fraud'; code: string; reason: string } | null;
}

/**
 * Scores an order against the fraud rules in force, inside the transaction
 * that places it. Orders of one customer are screened one at a time (an
 * advisory lock), so two orders placed at the same moment both count each
 * other for the 24-hour rule.
 */
@Injectable()
export class FraudScreening {
  constructor(private readonly settings: FraudRulesSettings) {}

  /** Null when no rule is set (nothing evaluated, nothing recorded). */
  async screen(tx: Prisma.TransactionClient, order: OrderToScreen, at: Date): Promise<FraudVerdict | null> {
    const rules = await this.settings.get(tx);
    if (!hasRules(rules)) return null;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`orders.fraud:${order.customerId}`}, 0))`;
    const [ordersLast24h, earlierOrders] = await Promise.all([
      tx.salesOrder.count({ where: { customerId: order.customerId, createdAt: { gt: new Date(at.getTime() - DAY_MS), lte: at } } }),
      tx.salesOrder.count({ where: { customerId: order.customerId } }),
    ]);
    const { score, firedRules } = evaluateFraud(rules, { ...order, ordersLast24h, earlierOrders });
    const held = score >= rules.threshold;
    const evaluation: FraudEvaluationV1 = { evaluationId: randomUUID(), score, threshold: rules.threshold, held, firedRules, evaluatedAt: at.toISOString() };
    const reason = `fraud score ${score} reached ${rules.threshold}: ${firedRules.map((hit) => hit.rule).join(', ')}`;
    return { evaluation, hold: held ? { type: 'fraud', code: 'fraud-score', reason } : null };
  }

  /** Records the evaluation on the order (the order row exists by now). */
  async record(tx: Prisma.TransactionClient, orderId: string, evaluation: FraudEvaluationV1): Promise<void> {
    await tx.fraudEvaluation.create({
      data: {
        id: evaluation.evaluationId, orderId, score: evaluation.score, threshold: evaluation.threshold, held: evaluation.held,
        firedRules: evaluation.firedRules as unknown as Prisma.InputJsonValue, at: new Date(evaluation.evaluatedAt),
      },
    });
  }
}
