import { Injectable } from '@nestjs/common';
import { cycleKeyFor } from '@oms/contracts';
import { nextCycles } from '@oms/scheduling';
import { notFound, type Page } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { toSubscriptionResponse, type FullSubscription } from './subscription.mapper';
import { scheduleOf } from './subscription.schedule';

const FULL = { lines: true, segments: true, overrides: true } as const;
type SubscriptionResponse = ReturnType<typeof toSubscriptionResponse>;

@Injectable()
export class SubscriptionQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  async load(id: string): Promise<FullSubscription> {
    const subscription = await this.prisma.subscription.findUnique({ where: { id }, include: FULL });
    if (!subscription) throw notFound('subscription', id);
    return subscription;
  }

  async get(id: string): Promise<SubscriptionResponse> {
    return toSubscriptionResponse(await this.load(id));
  }

  async list(query: ListSubscriptionsQuery): Promise<Page<SubscriptionResponse>> {
    const where: Prisma.SubscriptionWhereInput = {
      ...(query.customerId && { customerId: query.customerId }),
      ...(query.status && { status: query.status }),
    };
    const [items, total] = await Promise.all([
      this.prisma.subscription.findMany({ where, include: FULL, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.subscription.count({ where }),
    ]);
    return { items: items.map(toSubscriptionResponse), total, limit: query.limit, offset: query.offset };
  }

  /** The next `count` cycles not yet handled, with overrides applied (skipped ones flagged). */
  async upcoming(id: string, count: number) {
    const subscription = await this.load(id);
    const cycles = nextCycles(scheduleOf(subscription), subscription.lastHandledCycle, count);
    return {
      subscriptionId: id,
      status: subscription.status,
      timeZone: subscription.timeZone,
      cycles: cycles.map((c) => ({
        cycleIndex: c.cycleIndex,
        cycleKey: cycleKeyFor(id, c.cycleIndex),
        dueAt: c.dueAt.toISOString(),
        skipped: c.skipped,
        rescheduled: c.rescheduled,
      })),
    };
  }

  /** Cycles already handled: emitted (with the order once created) or skipped, newest first. */
  async handledCycles(id: string) {
    await this.load(id);
    const rows = await this.prisma.subscriptionCycle.findMany({ where: { subscriptionId: id }, orderBy: { cycleIndex: 'desc' }, take: 500 });
    return rows.map((r) => ({
      cycleIndex: r.cycleIndex, cycleKey: r.cycleKey, dueAt: r.dueAt.toISOString(), status: r.status,
      skipReason: r.skipReason, runId: r.runId, orderId: r.orderId, orderedAt: r.orderedAt?.toISOString() ?? null, stockOutcome: r.stockOutcome,
    }));
  }
}
