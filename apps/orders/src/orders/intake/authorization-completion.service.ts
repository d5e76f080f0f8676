import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DunningFinalAction } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../../database/prisma.service';
import type { OrderHold, PendingAuthorization, Prisma } from '../../generated/prisma/client';
import { authorizedNote, type AuthorizationAttempt } from '../../payments/authorization/authorization-outcome';
import { OrderAuthorizer } from '../../payments/authorization/order-authorizer.service';
import { AUTHORIZATION_PENDING, paymentHoldReason } from '../../payments/authorization/payment-decision';
import { PaymentSettlement } from '../../payments/authorization/payment-settlement.service';
import { sweepOrders, type SweptOrder } from '../../payments/authorization/payment-sweep';
import { PendingAuthorizations } from '../../payments/authorization/pending-authorizations';
import { DunningCases } from '../../payments/dunning/dunning-cases';
import { PaymentMethodsService } from '../../payments/methods/payment-methods.service';
import { PAYMENT_TX } from '../../payments/payment-transaction';
import { holdSummary, openHolds } from '../holds/hold-rows';
import type { FullOrder } from '../order.mapper';
import { actorColumns, type Cause } from '../status/order-events';
import { OrderHolds } from '../status/order-holds.service';
import { OrderTransitions } from '../status/order-transitions.service';

export type CompletionResult = 'authorized' | 'declined' | 'unpriced' | 'not-pending';

/**
 * Asks the provider for a new order's pending authorization once the order's
 * transaction has committed, and records the answer in a second one: the
 * payment row and event; approved clears the pending payment hold (the order
 * goes on to fulfillment unless another hold stays open); declined turns it
 * into a hold naming the failure and, for a subscription cycle, opens its
 * dunning ladder. Between the two no connection or row lock is held, so a
 * slow or timing-out provider delays only this order's answer.
 */
@Injectable()
export class AuthorizationCompletion {
  private readonly logger = new Logger(AuthorizationCompletion.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly transitions: OrderTransitions,
    private readonly holds: OrderHolds,
    private readonly authorizer: OrderAuthorizer,
    private readonly methods: PaymentMethodsService,
    private readonly settlement: PaymentSettlement,
    private readonly dunning: DunningCases,
    private readonly pending: PendingAuthorizations,
  ) {}

  async complete(orderId: string, cause: Cause): Promise<CompletionResult> {
    const pending = await this.pending.find(this.prisma, orderId);
    const order = pending ? await this.prisma.salesOrder.findUnique({ where: { id: orderId }, include: { lines: true } }) : null;
    if (!pending || !order) return 'not-pending';
    // A line without a price has no amount to authorize: the row waits until the pricing hold clears (the sweep asks then).
    if (order.lines.some((line) => line.unitPriceMinor === null)) return 'unpriced';
    const method = await this.methods.current(this.prisma, order.customerId);
    const outcome = await this.authorizer.attempt(order, method, pending.attempt);
    return this.prisma.$transaction((tx) => this.record(tx, pending, { attempt: pending.attempt, method, outcome }, cause), PAYMENT_TX);
  }

  /** Completes every pending authorization left behind (older than the grace), each on its own; what each did. */
  async sweep(limit = 100): Promise<Array<SweptOrder<CompletionResult>>> {
    const orderIds = await this.pending.claimDue(this.prisma, this.clock.now(), limit);
    return sweepOrders(orderIds, 'pending authorization', this.logger, (orderId, cause) => this.complete(orderId, cause));
  }

  private async record(
    tx: Prisma.TransactionClient, pending: PendingAuthorization, answer: AuthorizationAttempt, cause: Cause,
  ): Promise<CompletionResult> {
    const { orderId, attempt } = pending;
    const { outcome } = answer;
    const order = await this.transitions.lock(tx, orderId);
    const current = await this.pending.find(tx, orderId);
    // Another caller recorded this attempt first (the same idempotency key: the provider authorized once), or a retry took it over.
    if (!order || current?.attempt !== attempt) return 'not-pending';
    await this.pending.remove(tx, orderId);
    const now = this.clock.now();
    const pendingHolds = (await openHolds(tx, orderId)).filter((hold) => hold.type === 'payment' && hold.code === AUTHORIZATION_PENDING);
    if (outcome.approved) {
      await this.authorizer.record(tx, order, answer, cause, now);
      // Cancelled while the provider answered: nothing will ship, so the new authorization is voided at once.
      if (order.status === 'cancelled') await this.settlement.voidOpen(tx, order, 'order cancelled before its authorization was recorded', cause, now);
      for (const hold of pendingHolds) await this.holds.clear(tx, orderId, hold.id, authorizedNote(attempt), cause);
      return 'authorized';
    }
    const dunning = order.cycleKey && order.status !== 'cancelled' ? await this.dunning.open(tx, order, pending.timeZone ?? 'UTC', now, (pending.finalAction as DunningFinalAction | null) ?? undefined) : undefined;
    await this.authorizer.record(tx, order, answer, cause, now, dunning);
    if (pendingHolds.length > 0) await this.nameFailure(tx, order, pendingHolds, outcome, cause, now);
    return 'declined';
  }

  /**
   * The pending hold now names the failure (code and reason): the order stays held for the same payment, so no order
   * event is published; the authorization-failed payment event carries the typed failure.
   */
  private async nameFailure(tx: Prisma.TransactionClient, order: FullOrder, holds: OrderHold[], failure: { code: string; message: string }, cause: Cause, now: Date): Promise<void> {
    const reason = paymentHoldReason(failure.code, failure.message);
    for (const hold of holds) await tx.orderHold.update({ where: { id: hold.id }, data: { code: failure.code, reason } });
    const holdReason = holdSummary(await openHolds(tx, order.id));
    await tx.salesOrder.update({ where: { id: order.id }, data: { holdReason, updatedAt: now } });
    await tx.orderStatusHistory.create({ data: { orderId: order.id, fromStatus: order.status, toStatus: order.status, reason: `authorization declined: ${reason}`, at: now, ...actorColumns(cause) } });
  }
}
