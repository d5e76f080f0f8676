import { Inject, Injectable } from '@nestjs/common';
import { inRecordScope } from '@oms/auth';
import { cycleKeyFor } from '@oms/contracts';
import { CLOCK, type Clock, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Actor } from '@oms/auth';
import { plannedCycles } from './cycle-plan';
import { SubscriptionNotFoundError } from './lifecycle.errors';
import { localDateOf } from './local-date';
import { FULL_SUBSCRIPTION } from './subscription-action.runner';

/** History and upcoming orders of one subscription; a customer sees only their own, a channel those it created. */
@Injectable()
export class SubscriptionLifecycleQueries {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async load(id: string, actor: Actor) {
    const subscription = await this.prisma.subscription.findUnique({ where: { id }, include: FULL_SUBSCRIPTION });
    if (!subscription || !inRecordScope(actor, subscription)) throw new SubscriptionNotFoundError(id);
    return subscription;
  }

  /** Every change, oldest first, with its actor, reason, time and the fields before and after. */
  async history(id: string, actor: Actor, page: { limit: number; offset: number }): Promise<Page<object>> {
    await this.load(id, actor);
    const [rows, total] = await Promise.all([
      this.prisma.subscriptionHistory.findMany({ where: { subscriptionId: id }, orderBy: { id: 'asc' }, take: page.limit, skip: page.offset }),
      this.prisma.subscriptionHistory.count({ where: { subscriptionId: id } }),
    ]);
    const items = rows.map((row) => ({
      action: row.action, actor: { sub: row.actorSub, role: row.actorRole }, reason: row.reason, at: row.at.toISOString(),
      before: row.before, after: row.after, eventId: row.eventId,
    }));
    return { items, total, ...page };
  }

  /** The next `count` orders as the job will create them: date, lines, prices and total, with pauses, skips and changes applied. */
  async upcoming(id: string, actor: Actor, count: number) {
    const subscription = await this.load(id, actor);
    const products = await this.prisma.catalogProduct.findMany({ where: { productId: { in: subscription.lines.map((l) => l.productId) } } });
    const priceOf = new Map(products.map((p) => [p.productId, (p.prices as { currency: string; amountMinor: number }[]).find((price) => price.currency === subscription.currency)?.amountMinor ?? null]));
    const items = plannedCycles(subscription, count).map(({ cycle, decision }) => {
      const lines = decision.kind === 'order' ? decision.lines : [];
      const priced = lines.map((line) => {
        const unitPriceMinor = line.unitPriceMinor ?? priceOf.get(line.productId) ?? null;
        return { lineId: line.id, productId: line.productId, sku: line.sku, quantity: line.quantity, unitPriceMinor, lineTotalMinor: unitPriceMinor === null ? null : unitPriceMinor * line.quantity };
      });
      return {
        cycleIndex: cycle.cycleIndex, cycleKey: cycleKeyFor(id, cycle.cycleIndex), dueAt: cycle.dueAt.toISOString(), dueOn: localDateOf(cycle.dueAt, subscription.timeZone),
        rescheduled: cycle.rescheduled, step: decision.kind === 'order' ? decision.step : null, lines: priced, currency: subscription.currency,
        totalMinor: priced.reduce((sum, line) => sum + (line.lineTotalMinor ?? 0), 0), shipTo: subscription.shipTo,
      };
    });
    return { subscriptionId: id, status: subscription.status, timeZone: subscription.timeZone, asOf: this.clock.now().toISOString(), items };
  }
}
