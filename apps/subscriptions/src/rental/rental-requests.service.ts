import { Inject, Injectable } from '@nestjs/common';
import { type Actor, inRecordScope } from '@oms/auth';
import { createEnvelope, EventTypes, Topics, type SubscriptionSwapV1 } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { RentalSettingsService } from '../settings/rental-settings.service';
import { toLifecycleData, toSubscriptionResponse, type FullSubscription } from '../subscriptions/subscription.mapper';
import { RentalRequestConflict, RentalRequestRejected, SubscriptionNotFound } from './rental-requests.errors';

const FULL = { lines: true, segments: true, overrides: true } as const;
type Response = ReturnType<typeof toSubscriptionResponse>;

/**
 * A rental customer's requests (ShareFox): swap a rented line to another
 * product, ask to end, and the assumed return date. Each changes the
 * subscription and publishes its lifecycle event in one transaction;
 * fulfillment reacts (Swap In Ready / Swap Out Request, Subscription End Request).
 */
@Injectable()
export class RentalRequestsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: RentalSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The new product's price applies from the next monthly fee (the line's product changes now). */
  async swap(id: string, actor: Actor, lineId: string, productId: string, correlationId?: string): Promise<Response> {
    return this.prisma.$transaction(async (tx) => {
      const subscription = await this.lockRental(tx, id, { actor });
      const line = subscription.lines.find((l) => l.id === lineId);
      if (!line) throw new RentalRequestRejected('lineId', `subscription ${id} has no line ${lineId}`);
      const product = await tx.catalogProduct.findUnique({ where: { productId } });
      if (!product || product.type !== 'rental' || product.status !== 'active') {
        throw new RentalRequestRejected('productId', `product ${product?.sku ?? productId} is not an active rental product`);
      }
      if (product.productId === line.productId) throw new RentalRequestRejected('productId', `line ${lineId} already rents ${product.sku}`);
      if (!(product.prices as Array<{ currency: string }>).some((p) => p.currency === subscription.currency)) {
        throw new RentalRequestRejected('productId', `product ${product.sku} has no ${subscription.currency} price`);
      }
      const availability = await tx.rentalAvailability.findUnique({ where: { sku: product.sku } });
      if ((availability?.available ?? 0) < line.quantity) {
        throw new RentalRequestConflict('productId', `no unit of ${product.sku} is free (${availability?.available ?? 0} available, ${line.quantity} needed)`);
      }
      const swap: SubscriptionSwapV1 = { lineId, fromProductId: line.productId, fromSku: line.sku, toProductId: product.productId, toSku: product.sku };
      await tx.subscriptionLine.update({ where: { id: lineId }, data: { productId: product.productId, sku: product.sku } });
      return this.publish(tx, id, EventTypes.subscriptionSwapRequested, correlationId, { swap, actor });
    });
  }

  /** The order stays open until every unit is back and Closed; fees stop now or at the return, per the rental setting. */
  async endRequest(id: string, actor: Actor, correlationId?: string): Promise<Response> {
    const { feesStopAt } = await this.settings.get();
    return this.prisma.$transaction(async (tx) => {
      const subscription = await this.lockRental(tx, id, { allowEndRequested: true, actor });
      if (subscription.endRequestedAt) return toSubscriptionResponse(subscription, this.clock.now());
      await tx.subscription.update({
        where: { id }, data: { endRequestedAt: this.clock.now(), ...(feesStopAt === 'request' && { status: 'end-requested' }) },
      });
      return this.publish(tx, id, EventTypes.subscriptionEndRequested, correlationId, { actor });
    });
  }

  /** A change like any other: a history row naming who made it and a `changed` event (field `assumedReturnDate`). */
  async setAssumedReturnDate(id: string, date: string, actor: Actor, correlationId?: string): Promise<Response> {
    return this.prisma.$transaction(async (tx) => {
      const subscription = await this.lockRental(tx, id, { allowEndRequested: true, actor });
      if (date < subscription.startDate) throw new RentalRequestRejected('assumedReturnDate', `the assumed return date cannot precede the start (${subscription.startDate})`);
      const updated = await tx.subscription.update({ where: { id }, data: { assumedReturnDate: date.slice(0, 10) }, include: FULL });
      const data = { ...toLifecycleData(updated), changedFields: ['assumedReturnDate' as const], fromCycleIndex: updated.lastHandledCycle + 1 };
      const envelope = createEnvelope({ type: EventTypes.subscriptionChanged, source: '/subscriptions', subject: id, data, correlationId, actor });
      await tx.subscriptionHistory.create({
        data: {
          subscriptionId: id, action: 'change', actorSub: actor.sub, actorRole: actor.role, at: this.clock.now(),
          before: { assumedReturnDate: subscription.assumedReturnDate }, after: { assumedReturnDate: updated.assumedReturnDate }, eventId: envelope.id,
        },
      });
      await appendToOutbox(tx, { topic: Topics.subscriptionLifecycle, envelope });
      return toSubscriptionResponse(updated, this.clock.now());
    });
  }

  /** A customer sees only their own subscriptions, a channel those it created: others are "not found", as on the lifecycle routes. */
  private async lockRental(tx: Prisma.TransactionClient, id: string, options: { allowEndRequested?: boolean; actor?: Actor } = {}): Promise<FullSubscription> {
    const [row] = await tx.$queryRaw<{ customerId: string; createdBy: string | null }[]>`
      SELECT customer_id AS "customerId", created_by AS "createdBy" FROM subscription WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row || (options.actor && !inRecordScope(options.actor, row))) throw new SubscriptionNotFound(id);
    const subscription = await tx.subscription.findUniqueOrThrow({ where: { id }, include: FULL });
    if (subscription.assumedReturnDate === null) throw new RentalRequestConflict('subscriptionId', `subscription ${id} rents nothing`);
    if (!['active', 'end-requested'].includes(subscription.status) || (subscription.endRequestedAt && !options.allowEndRequested)) {
      throw new RentalRequestConflict('status', `subscription ${id} is ${subscription.endRequestedAt ? 'ending (end requested)' : subscription.status}`);
    }
    return subscription;
  }

  private async publish(tx: Prisma.TransactionClient, id: string, type: typeof EventTypes.subscriptionSwapRequested | typeof EventTypes.subscriptionEndRequested, correlationId: string | undefined, extra: { swap?: SubscriptionSwapV1; actor: Actor }): Promise<Response> {
    const subscription = await tx.subscription.findUniqueOrThrow({ where: { id }, include: FULL });
    const envelope = createEnvelope({ type, source: '/subscriptions', subject: id, data: { ...toLifecycleData(subscription), ...extra }, correlationId, actor: extra.actor });
    // Like the lifecycle actions, the history says who asked for the swap or the end.
    const { swap } = extra;
    await tx.subscriptionHistory.create({
      data: {
        subscriptionId: id, action: swap ? 'swap-request' : 'end-request', actorSub: extra.actor.sub, actorRole: extra.actor.role, at: this.clock.now(),
        before: swap ? { lineId: swap.lineId, productId: swap.fromProductId, sku: swap.fromSku } : { endRequestedAt: null },
        after: swap ? { lineId: swap.lineId, productId: swap.toProductId, sku: swap.toSku } : { endRequestedAt: subscription.endRequestedAt?.toISOString() ?? null },
        eventId: envelope.id,
      },
    });
    await appendToOutbox(tx, { topic: Topics.subscriptionLifecycle, envelope });
    return toSubscriptionResponse(subscription, this.clock.now());
  }
}
