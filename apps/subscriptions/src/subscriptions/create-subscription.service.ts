import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { createEnvelope, EventTypes, Topics } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import { dueAt, nextDueAfter, type Schedule } from '@oms/scheduling';
import { CLOCK, fieldConflict, fieldRejected, isUniqueViolation, type Clock } from '@oms/service-runtime';
import { DateTime } from 'luxon';
import { PrismaService } from '../database/prisma.service';
import { RentalSettingsService } from '../settings/rental-settings.service';
import { SettingsService } from '../settings/settings.service';
import type { CreateSubscriptionRequest } from './dto/create-subscription.request';
import { toLifecycleData, type FullSubscription } from './subscription.mapper';
import { SubscriptionLinesValidator } from './subscription-lines.validator';
import { FULL_SUBSCRIPTION } from '../lifecycle/subscription-action.runner';
import type { CatalogProduct } from '../generated/prisma/client';
import type { ContinuityTerms } from '../continuity/continuity-terms';

/** A continuity program enrolment: the program's terms, and the checked catalog products of step 1's lines (in order). */
export interface Enrolment {
  terms: ContinuityTerms;
  products: CatalogProduct[];
}

/**
 * Creates a subscription: checks the switch and every line, fixes the first
 * schedule segment, and writes the contract with its "created" event in one
 * transaction. A repeated (channel, externalRef) returns the first result.
 */
@Injectable()
export class CreateSubscriptionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: SettingsService,
    private readonly lines: SubscriptionLinesValidator,
    private readonly rentalSettings: RentalSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `createdBy`: who a channel must be to read it; the caller's token sub over HTTP, the channel field of a
   * channel order (whose actor may be a user of that channel).
   */
  async create(
    request: CreateSubscriptionRequest, actor: Actor, correlationId?: string, createdBy = actor.sub, enrolment?: Enrolment,
  ): Promise<{ subscription: FullSubscription; created: boolean }> {
    if (!(await this.settings.subscriptionOrders()).enabled) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'Subscription orders are turned off; turn them on with PUT /settings/subscription-orders' });
    }
    // A program's items are checked against its own rules (its prices and interval, not the catalog's).
    const products = enrolment?.products ?? (await this.lines.validate(request.lines, request.frequency, request.currency));
    const lineIds = request.lines.map((_, i) => enrolment?.terms.steps[0]!.lines[i]!.lineId ?? randomUUID());
    const zone = request.timeZone;
    const startDate = request.startDate ?? DateTime.fromJSDate(this.clock.now(), { zone }).toISODate()!;
    const startsAt = DateTime.fromISO(`${startDate}T00:00`, { zone }).toUTC().toISO()!;
    const endDate = request.endDate ? DateTime.fromISO(`${request.endDate}T23:59:59.999`, { zone }).toUTC().toISO()! : undefined;
    // A rental runs until the customer asks to end it; its assumed return date is only a planning date.
    const assumedReturnDate = products.some((p) => p.type === 'rental')
      ? DateTime.fromISO(startDate).plus({ days: (await this.rentalSettings.get()).defaultAssumedReturnDays }).toISODate()!
      : null;
    const segment = { effectiveFrom: startsAt, firstCycleIndex: 0, frequency: request.frequency, anchor: { date: startDate, time: request.deliveryTime }, timeZone: zone };
    const schedule: Schedule = { segments: [segment], ...(endDate && { endDate }), ...(request.maxCycles && { maxCycles: request.maxCycles }) };
    // A start long ago would silently order every missed cycle (1900-01-01: 1,600 monthly orders): the caller must choose.
    if (!request.catchUpPolicy && dueAt(segment, 1) <= this.clock.now()) {
      throw fieldRejected('startDate', `startDate ${startDate} is more than one cycle in the past; say how to catch up with catchUpPolicy (all, latest-only or skip-missed)`);
    }
    const nextDueAt = nextDueAfter(schedule, -1);
    if (!nextDueAt) throw fieldRejected('endDate', 'the subscription would end before its first cycle');

    const id = randomUUID();
    try {
      const subscription = await this.prisma.$transaction(async (tx) => {
        const created = await tx.subscription.create({
          data: {
            id, customerId: request.customerId, customerEmail: request.customerEmail ?? null, customerName: request.customerName ?? null, channel: request.channel, createdBy, externalRef: request.externalRef ?? null,
            status: 'active', currency: request.currency, timeZone: zone, startDate, endDate: endDate ?? null, assumedReturnDate,
            maxCycles: request.maxCycles ?? null, shipTo: request.shipTo ? { ...request.shipTo } : undefined, catchUpPolicy: request.catchUpPolicy ?? 'all', outOfStockPolicy: request.outOfStockPolicy, dunningFinalAction: request.dunningFinalAction ?? null, nextDueAt,
            ...(enrolment && { programId: enrolment.terms.programId, programTerms: JSON.parse(JSON.stringify(enrolment.terms)) }),
            lines: { create: request.lines.map((line, i) => ({ id: lineIds[i]!, productId: line.productId, sku: products[i]!.sku, quantity: line.quantity })) },
            segments: { create: { firstCycleIndex: 0, effectiveFrom: startsAt, unit: request.frequency.unit, interval: request.frequency.interval, anchorDate: startDate, anchorTime: request.deliveryTime, timeZone: zone } },
          },
          include: FULL_SUBSCRIPTION,
        });
        const data = toLifecycleData(created);
        const envelope = createEnvelope({ type: EventTypes.subscriptionCreated, source: '/subscriptions', subject: id, data, correlationId, actor });
        // The history starts with who created it; `after` is the state it was created with.
        await tx.subscriptionHistory.create({
          data: {
            subscriptionId: id, action: 'create', actorSub: actor.sub, actorRole: actor.role, at: this.clock.now(),
            before: {}, after: JSON.parse(JSON.stringify(data)), eventId: envelope.id,
          },
        });
        await appendToOutbox(tx, { topic: Topics.subscriptionLifecycle, envelope });
        return created;
      });
      return { subscription, created: true };
    } catch (error) {
      if (!isUniqueViolation(error) || !request.externalRef) throw error;
      const existing = await this.prisma.subscription.findUnique({
        where: { channel_externalRef: { channel: request.channel, externalRef: request.externalRef } },
        include: FULL_SUBSCRIPTION,
      });
      if (!existing) throw fieldConflict('externalRef', `externalRef ${request.externalRef} is already used`);
      return { subscription: existing, created: false };
    }
  }
}
