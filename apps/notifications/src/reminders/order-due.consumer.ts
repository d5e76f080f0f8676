import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventTypes, isEventOfType, Topics, type EventEnvelope } from '@oms/contracts';
import { IdempotentListener, type SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { rememberDueCycle } from './due-cycle.sql';

/**
 * A cycle came due: plan the reminder of the one after it (nextDueAt). The due
 * cycle itself needs none; its order confirmation follows from the orders service.
 * All SQL, so its batches run on pg directly, not through Prisma's request pipeline (every cycle passes here).
 */
@Injectable()
export class OrderDueConsumer {
  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @IdempotentListener(Topics.orderDue, 'notifications.order-due', { types: [EventTypes.orderDue], transaction: 'pg' })
  async planReminder(tx: SqlClient, envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.orderDue)) return;
    const due = envelope.data;
    const daysBefore = this.config.getOrThrow<number>('REMINDER_DAYS_BEFORE');
    const subscription = { subscriptionId: due.subscriptionId, customerId: due.customerId, customerEmail: due.customerEmail, timeZone: due.timeZone };
    // The last cycle (no nextDueAt) has nothing to remind of.
    const next = due.nextDueAt
      ? { ...subscription, cycleDueAt: new Date(due.nextDueAt), correlationId: envelope.correlationid }
      : null;
    await rememberDueCycle(tx, subscription, next, this.clock.now(), daysBefore);
  }
}
