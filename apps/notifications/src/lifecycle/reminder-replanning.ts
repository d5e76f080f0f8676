import { EventTypes, type EventEnvelope, type SubscriptionLifecycleV1 } from '@oms/contracts';
import { DateTime } from 'luxon';
import type { Prisma } from '../generated/prisma/client';
import {
  cancelReminders, dropRemindersBetween, scheduleReminder, STOPPED_STATUSES, withdrawReminder, type ReminderRequest,
} from '../reminders/reminder-schedule';
import { rememberSubscription } from '../reminders/subscription-contact.sql';
import type { ActionEventData } from './action-confirmation.template';

/** What re-planning needs besides the event: the business clock and how many days ahead reminders go. */
export interface ReplanContext {
  now: Date;
  daysBefore: number;
}

/** Midnight of a local date (`2026-03-10`) in the subscription's zone: where a pause starts or ends. */
function startOfLocalDay(date: string, zone: string | undefined): Date {
  return DateTime.fromISO(date, { zone: zone ?? 'UTC' }).startOf('day').toJSDate();
}

/**
 * Makes the subscription's renewal reminders follow one of its events (they arrive in
 * order: one key per subscription). A skipped cycle loses its reminder, a moved one
 * moves it, a pause drops those of the cycles it covers (all of them while paused),
 * a pending period-end cancel those from its date on, and the next cycle the event
 * names (nextDueAt: pauses, skips and cancels applied) gets one; a new email address
 * reaches the reminders already planned. The pause and the
 * pending cancel are kept on the contact, so a due-order event handled later cannot
 * plan a reminder for a cycle they leave out.
 */
export async function replanReminders(tx: Prisma.TransactionClient, envelope: EventEnvelope<SubscriptionLifecycleV1>, context: ReplanContext): Promise<void> {
  const subscription = envelope.data;
  const { subscriptionId, customerId, customerEmail, timeZone } = subscription;
  const reminder = (cycleDueAt: string): ReminderRequest => ({ subscriptionId, customerId, customerEmail, cycleDueAt: new Date(cycleDueAt), correlationId: envelope.correlationid });
  await rememberSubscription(tx, subscription);
  const facts = envelope.data as SubscriptionLifecycleV1 & Partial<ActionEventData[keyof ActionEventData]>;
  switch (envelope.type) {
    case EventTypes.subscriptionPaused: {
      const paused = facts as ActionEventData[typeof EventTypes.subscriptionPaused];
      const from = startOfLocalDay(paused.pausedFrom, timeZone);
      const until = paused.resumeOn ? startOfLocalDay(paused.resumeOn, timeZone) : null;
      await tx.subscriptionContact.update({ where: { subscriptionId }, data: { pauseFrom: from, pauseUntil: until } });
      await dropRemindersBetween(tx, subscriptionId, from, until, 'cancelled');
      break;
    }
    case EventTypes.subscriptionResumed: {
      const resumed = facts as ActionEventData[typeof EventTypes.subscriptionResumed];
      await tx.subscriptionContact.update({ where: { subscriptionId }, data: { pauseUntil: startOfLocalDay(resumed.resumedOn, timeZone) } });
      break;
    }
    case EventTypes.subscriptionCycleSkipped: {
      const { cycle } = facts as ActionEventData[typeof EventTypes.subscriptionCycleSkipped];
      if (!cycle.skippedLineIds) await withdrawReminder(tx, reminder(cycle.dueAt), context.daysBefore); // a line skip still orders the cycle
      break;
    }
    case EventTypes.subscriptionCycleUnskipped: {
      const { cycle } = facts as ActionEventData[typeof EventTypes.subscriptionCycleUnskipped];
      await scheduleReminder(tx, reminder(cycle.dueAt), context.now, context.daysBefore, { revive: true });
      break;
    }
    case EventTypes.subscriptionCycleRescheduled: {
      const { cycle } = facts as ActionEventData[typeof EventTypes.subscriptionCycleRescheduled];
      if (cycle.previousDueAt) await withdrawReminder(tx, reminder(cycle.previousDueAt), context.daysBefore);
      await scheduleReminder(tx, reminder(cycle.dueAt), context.now, context.daysBefore, { revive: true });
      break;
    }
    case EventTypes.subscriptionCancelScheduled: {
      const { cancelAt } = facts as ActionEventData[typeof EventTypes.subscriptionCancelScheduled];
      await tx.subscriptionContact.update({ where: { subscriptionId }, data: { cancelAt: new Date(cancelAt) } });
      await dropRemindersBetween(tx, subscriptionId, new Date(cancelAt), null, 'withdrawn');
      break;
    }
    case EventTypes.subscriptionReactivated:
      await tx.subscriptionContact.update({ where: { subscriptionId }, data: { cancelAt: null } });
      break;
    case EventTypes.subscriptionChanged: {
      // A new address reaches the reminders already planned, not only those planned from now on.
      const { changedFields } = facts as ActionEventData[typeof EventTypes.subscriptionChanged];
      if (changedFields.includes('customerEmail') && customerEmail) {
        await tx.reminder.updateMany({ where: { subscriptionId, status: { in: ['scheduled', 'cancelled', 'withdrawn'] } }, data: { customerEmail } });
      }
      break;
    }
    default:
      break;
  }
  if (STOPPED_STATUSES.includes(subscription.status)) {
    await cancelReminders(tx, subscriptionId);
  } else if (subscription.nextDueAt) {
    await scheduleReminder(tx, reminder(subscription.nextDueAt), context.now, context.daysBefore, { revive: true });
  }
}
