import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { IdempotentListener } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { scheduleReminder } from './reminder-schedule';
import { rememberSubscription } from './subscription-contact.sql';

/**
 * A cycle came due: plan the reminder of the one after it (nextDueAt). The due
 * cycle itself needs none; its order confirmation follows from the orders service.
 */
@Injectable()
export class OrderDueConsumer {
  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @IdempotentListener(Topics.orderDue, 'notifications.order-due', { types: [EventTypes.orderDue] })
  async planReminder(tx: Prisma.TransactionClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.orderDue)) return;
    const due = envelope.data;
    const daysBefore = this.config.getOrThrow<number>('REMINDER_DAYS_BEFORE');
    const known = await rememberSubscription(tx, { subscriptionId: due.subscriptionId, customerId: due.customerId, customerEmail: due.customerEmail, timeZone: due.timeZone });
    if (!due.nextDueAt) return; // the last cycle: nothing to remind of
    await scheduleReminder(tx, {
      subscriptionId: due.subscriptionId, customerId: due.customerId, customerEmail: due.customerEmail,
      cycleDueAt: new Date(due.nextDueAt), correlationId: envelope.correlationid,
    }, this.clock.now(), daysBefore, { known });
  }
}
