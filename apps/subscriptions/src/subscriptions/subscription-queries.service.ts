import { Inject, Injectable } from '@nestjs/common';
import { type Actor, inRecordScope, recordScope } from '@oms/auth';
import { cycleKeyFor } from '@oms/contracts';
import { schedulePreview } from '@oms/scheduling';
import { CLOCK, notFound, paginate, type Clock, type Page, type PageQuery } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { toSubscriptionResponse, type FullSubscription } from './subscription.mapper';
import { policyOf, scheduleOf } from './subscription.schedule';
import { continuityView, withProgramSteps } from '../continuity/continuity-terms';

const FULL = { lines: true, segments: true, overrides: true } as const;
/** Statuses whose cycles still come due; a paused, cancelled or ended subscription has none to preview. */
const SCHEDULING: readonly string[] = ['active', 'end-requested'];
type SubscriptionResponse = ReturnType<typeof toSubscriptionResponse>;

@Injectable()
export class SubscriptionQueriesService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One subscription the caller may see; another customer's (or, for a channel, one it did not create) answers 404, as if it did not exist. */
  async load(id: string, actor: Actor): Promise<FullSubscription> {
    const subscription = await this.prisma.subscription.findUnique({ where: { id }, include: FULL });
    if (!subscription || !inRecordScope(actor, subscription)) throw notFound('subscription', id);
    return subscription;
  }

  async get(id: string, actor: Actor): Promise<SubscriptionResponse> {
    return toSubscriptionResponse(await this.load(id, actor), this.clock.now());
  }

  /** A customer's list holds only their own, a channel's what it created (a customerId filter naming another customer finds nothing). */
  async list(query: ListSubscriptionsQuery, actor: Actor): Promise<Page<SubscriptionResponse>> {
    const where: Prisma.SubscriptionWhereInput = {
      AND: [{ ...(query.customerId && { customerId: query.customerId }), ...(query.status && { status: query.status }), ...(query.programId && { programId: query.programId }) }, recordScope(actor)],
    };
    return paginate(query, {
      rows: (window) => this.prisma.subscription.findMany({ where, include: FULL, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...window }),
      count: () => this.prisma.subscription.count({ where }),
    }, (item) => toSubscriptionResponse(item, this.clock.now()));
  }

  /**
   * The next `count` cycles from now, overrides applied: cycles already due but
   * not yet handled come first, flagged overdue; skipped ones are marked. None
   * while the subscription is paused, cancelled or ended.
   */
  async upcoming(id: string, actor: Actor, count: number) {
    const subscription = await this.load(id, actor);
    const previewed = SCHEDULING.includes(subscription.status)
      ? schedulePreview(scheduleOf(subscription), subscription.lastHandledCycle, this.clock.now(), count, policyOf(subscription))
      : [];
    const cycles = withProgramSteps(subscription, previewed);
    return {
      subscriptionId: id,
      status: subscription.status,
      timeZone: subscription.timeZone,
      continuity: continuityView(subscription),
      cycles: cycles.map((c) => ({
        cycleIndex: c.cycleIndex,
        cycleKey: cycleKeyFor(id, c.cycleIndex),
        dueAt: c.dueAt.toISOString(),
        overdue: c.overdue,
        skipped: c.skipped,
        skipReason: c.skipReason,
        rescheduled: c.rescheduled,
        step: c.step,
      })),
    };
  }

  /** Cycles already handled: emitted (with the order once created) or skipped, newest first. */
  async handledCycles(id: string, actor: Actor, page: PageQuery) {
    await this.load(id, actor);
    const where = { subscriptionId: id };
    return paginate(page, {
      rows: (window) => this.prisma.subscriptionCycle.findMany({ where, orderBy: { cycleIndex: 'desc' }, ...window }),
      count: () => this.prisma.subscriptionCycle.count({ where }),
    }, (r) => ({
      cycleIndex: r.cycleIndex, cycleKey: r.cycleKey, dueAt: r.dueAt.toISOString(), status: r.status,
      skipReason: r.skipReason, runId: r.runId, orderId: r.orderId, orderedAt: r.orderedAt?.toISOString() ?? null, stockOutcome: r.stockOutcome, lateOutcome: r.lateOutcome,
      paymentOutcome: r.paymentOutcome, paymentFailedAttempts: r.paymentFailedAttempts, dunningOutcome: r.dunningOutcome,
    }));
  }
}
