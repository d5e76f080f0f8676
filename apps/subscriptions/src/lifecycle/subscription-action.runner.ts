import { Inject, Injectable } from '@nestjs/common';
import { inRecordScope } from '@oms/auth';
import type { EventType } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import type { Actor } from '@oms/auth';
import { recordChange } from './change-recorder';
import { SubscriptionNotFoundError } from './lifecycle.errors';

export const FULL_SUBSCRIPTION = { lines: { orderBy: { id: 'asc' } }, segments: true, overrides: true } as const;

/** What an action did, for its lifecycle event. */
export interface ActionResult {
  type: EventType;
  /** Typed facts of the event beyond the subscription's state (the cycle, the pause dates, ...). */
  facts?: object;
}

/**
 * One action on a subscription. `apply` checks the state (throwing a domain error
 * that names it) and writes the change with `tx`; the runner does the rest.
 */
export interface SubscriptionAction {
  /** History action name. */
  name: string;
  reason?: string;
  apply(tx: Prisma.TransactionClient, subscription: FullSubscription, now: Date): Promise<ActionResult>;
}

/**
 * The one way subscriptions change on request: lock the row, apply the action, then
 * write its history row and lifecycle event through the outbox, all in one
 * transaction. New actions (swap, end request) are one more SubscriptionAction.
 */
@Injectable()
export class SubscriptionActionRunner {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(subscriptionId: string, actor: Actor, action: SubscriptionAction, correlationId?: string): Promise<FullSubscription> {
    return this.prisma.$transaction(async (tx) => {
      const before = await lockAndLoad(tx, subscriptionId, actor);
      const now = this.clock.now();
      const { type, facts = {} } = await action.apply(tx, before, now);
      const after = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, include: FULL_SUBSCRIPTION });
      await recordChange(tx, { action: action.name, actor, reason: action.reason, at: now, before, after, type, facts, correlationId });
      return after;
    }, { timeout: 30000, maxWait: 10000 });
  }
}

/** Locks the subscription for the transaction; a customer sees only their own, a channel those it created (others' are "not found"). */
async function lockAndLoad(tx: Prisma.TransactionClient, id: string, actor: Actor): Promise<FullSubscription> {
  const locked = await tx.$queryRaw<{ customerId: string; createdBy: string | null }[]>`
    SELECT customer_id AS "customerId", created_by AS "createdBy" FROM subscription WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0 || !inRecordScope(actor, locked[0]!)) throw new SubscriptionNotFoundError(id);
  return tx.subscription.findUniqueOrThrow({ where: { id }, include: FULL_SUBSCRIPTION });
}
