import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventTypes, isEventOfType, Topics, type EventEnvelope, type OrderDueV1 } from '@oms/contracts';
import { IdempotentBatchEffect, IdempotentListener, type BatchEvent, type SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { rememberDueCycles } from './due-cycle.sql';

const isOrderDue = (envelope: EventEnvelope): envelope is EventEnvelope<OrderDueV1> => isEventOfType(envelope, EventTypes.orderDue);

/**
 * A cycle came due: plan the reminder of the one after it (nextDueAt). The due
 * cycle itself needs none; its order confirmation follows from the orders service.
 * All SQL, so its batches run on pg directly, not through Prisma's request pipeline (every cycle passes here),
 * and a whole batch is one statement.
 */
@Injectable()
export class OrderDueConsumer {
  constructor(
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @IdempotentListener(Topics.orderDue, 'notifications.order-due', { types: [EventTypes.orderDue], transaction: 'pg' })
  async planReminder(tx: SqlClient, envelope: EventEnvelope): Promise<void> {
    await this.planReminders(tx, [envelope]);
  }

  /** {@link planReminder} for a whole batch: every subscription's read model row and next reminder in one statement. */
  @IdempotentBatchEffect('planReminder')
  async planRemindersForBatch(tx: SqlClient, events: readonly BatchEvent[]): Promise<void> {
    await this.planReminders(tx, events.map((event) => event.envelope));
  }

  private async planReminders(tx: SqlClient, envelopes: readonly EventEnvelope[]): Promise<void> {
    const daysBefore = this.config.getOrThrow<number>('REMINDER_DAYS_BEFORE');
    const cycles = envelopes.filter(isOrderDue).map((envelope) => {
      const due = envelope.data;
      const subscription = { subscriptionId: due.subscriptionId, customerId: due.customerId, customerEmail: due.customerEmail, timeZone: due.timeZone };
      // The last cycle (no nextDueAt) has nothing to remind of.
      const next = due.nextDueAt ? { ...subscription, cycleDueAt: new Date(due.nextDueAt), correlationId: envelope.correlationid } : null;
      return { subscription, next };
    });
    await rememberDueCycles(tx, cycles, this.clock.now(), daysBefore);
  }
}
