import {
  EventTypes,
  type SubscriptionCancelledV1,
  type SubscriptionCancelScheduledV1,
  type SubscriptionChangedV1,
  type SubscriptionCycleChangedV1,
  type SubscriptionLifecycleV1,
  type SubscriptionPausedV1,
  type SubscriptionReactivatedV1,
  type SubscriptionResumedV1,
} from '@oms/contracts';
import { escapeHtml, formatDay, formatDayTime, htmlDocument } from '../templates/mail-format';
import type { RenderedMail } from '../templates/template.types';

/** The action events a customer gets a confirmation of, with the data each carries. */
export interface ActionEventData {
  [EventTypes.subscriptionPaused]: SubscriptionPausedV1;
  [EventTypes.subscriptionResumed]: SubscriptionResumedV1;
  [EventTypes.subscriptionCycleSkipped]: SubscriptionCycleChangedV1;
  [EventTypes.subscriptionCycleUnskipped]: SubscriptionCycleChangedV1;
  [EventTypes.subscriptionCycleRescheduled]: SubscriptionCycleChangedV1;
  [EventTypes.subscriptionChanged]: SubscriptionChangedV1;
  [EventTypes.subscriptionCancelScheduled]: SubscriptionCancelScheduledV1;
  [EventTypes.subscriptionCancelled]: SubscriptionCancelledV1;
  [EventTypes.subscriptionReactivated]: SubscriptionReactivatedV1;
}
export type ActionEventType = keyof ActionEventData;
export const ACTION_EVENT_TYPES = [
  EventTypes.subscriptionPaused, EventTypes.subscriptionResumed, EventTypes.subscriptionCycleSkipped, EventTypes.subscriptionCycleUnskipped,
  EventTypes.subscriptionCycleRescheduled, EventTypes.subscriptionChanged, EventTypes.subscriptionCancelScheduled,
  EventTypes.subscriptionCancelled, EventTypes.subscriptionReactivated,
] as const satisfies readonly ActionEventType[];

/** What the mail says: a subject and its paragraphs (the closing lines are shared). */
interface Wording {
  subject: string;
  lines: string[];
}

/**
 * A local date (`2026-03-15`, as the actions take them) for people, e.g. "Sunday, 15 March 2026":
 * read at noon UTC so no zone can move it to another day.
 */
export function formatLocalDate(date: string): string {
  return formatDay(new Date(`${date}T12:00:00Z`), 'UTC');
}

const FIELD_NAMES: Record<SubscriptionChangedV1['changedFields'][number], string> = {
  frequency: 'how often it is delivered', anchor: 'its delivery day', lines: 'its products and quantities',
  shipTo: 'its delivery address', customerEmail: 'its email address', outOfStockPolicy: 'what happens when a product is out of stock',
  dunningFinalAction: 'what happens when a payment keeps failing',
  assumedReturnDate: 'the date we expect the rented item back',
};

type Wordings = { [T in ActionEventType]: (data: ActionEventData[T], zone: string | undefined) => Wording };

const WORDINGS: Wordings = {
  [EventTypes.subscriptionPaused]: (d) => ({
    subject: `Your subscription is paused from ${formatLocalDate(d.pausedFrom)}`,
    lines: [
      `Your subscription ${d.subscriptionId} is paused from ${formatLocalDate(d.pausedFrom)}: no orders are placed during the pause.`,
      d.resumeOn ? `It resumes by itself on ${formatLocalDate(d.resumeOn)}.` : 'It stays paused until you resume it.',
    ],
  }),
  [EventTypes.subscriptionResumed]: (d, zone) => ({
    subject: `Your subscription resumes on ${formatLocalDate(d.resumedOn)}`,
    lines: [`Your subscription ${d.subscriptionId} resumes on ${formatLocalDate(d.resumedOn)}.`, nextDelivery(d, zone)],
  }),
  [EventTypes.subscriptionCycleSkipped]: (d, zone) => d.cycle.skippedLineIds
    ? {
      subject: `Some products are left out of your delivery of ${formatDay(new Date(d.cycle.dueAt), zone)}`,
      lines: [`We leave ${skuList(d, d.cycle.skippedLineIds)} out of the order of ${formatDayTime(new Date(d.cycle.dueAt), zone)} only.`],
    }
    : {
      subject: `Your delivery of ${formatDay(new Date(d.cycle.dueAt), zone)} is skipped`,
      lines: [`We skip the order of ${formatDayTime(new Date(d.cycle.dueAt), zone)} of subscription ${d.subscriptionId}.`, nextDelivery(d, zone)],
    },
  [EventTypes.subscriptionCycleUnskipped]: (d, zone) => ({
    subject: `Your delivery of ${formatDay(new Date(d.cycle.dueAt), zone)} is back on`,
    lines: [`We place the order of ${formatDayTime(new Date(d.cycle.dueAt), zone)} of subscription ${d.subscriptionId} after all.`],
  }),
  [EventTypes.subscriptionCycleRescheduled]: (d, zone) => ({
    subject: `Your delivery moves to ${formatDay(new Date(d.cycle.dueAt), zone)}`,
    lines: [
      `The order of subscription ${d.subscriptionId} that was due on ${d.cycle.previousDueAt ? formatDayTime(new Date(d.cycle.previousDueAt), zone) : 'its usual day'} `
        + `is now placed on ${formatDayTime(new Date(d.cycle.dueAt), zone)}.`,
    ],
  }),
  [EventTypes.subscriptionChanged]: (d, zone) => ({
    subject: 'Your subscription has changed',
    lines: [`We changed ${d.changedFields.map((field) => FIELD_NAMES[field]).join(', ')} of subscription ${d.subscriptionId}, from your next order on.`, nextDelivery(d, zone)],
  }),
  [EventTypes.subscriptionCancelScheduled]: (d, zone) => ({
    subject: `Your subscription ends on ${formatDay(new Date(d.cancelAt), zone)}`,
    lines: [
      `As you asked, subscription ${d.subscriptionId} ends at the end of its current period: no order is placed from ${formatDayTime(new Date(d.cancelAt), zone)} on.`,
      'Changed your mind? Reactivate it in "My orders" before that day.',
    ],
  }),
  [EventTypes.subscriptionCancelled]: (d, zone) => d.when === 'period-end'
    ? { subject: 'Your subscription has ended', lines: [`Subscription ${d.subscriptionId} ended on ${formatDayTime(new Date(d.cancelledAt), zone)}, as you asked. No more orders are placed.`] }
    : { subject: 'Your subscription is cancelled', lines: [`Subscription ${d.subscriptionId} is cancelled from ${formatDayTime(new Date(d.cancelledAt), zone)}. No more orders are placed.`] },
  [EventTypes.subscriptionReactivated]: (d, zone) => ({
    subject: 'Your subscription continues',
    lines: [`Subscription ${d.subscriptionId} no longer ends on ${formatDay(new Date(d.withdrawnCancelAt), zone)}.`, nextDelivery(d, zone)],
  }),
};

/** The confirmation of one action, days and times in the subscription's time zone. */
export function renderActionConfirmation<T extends ActionEventType>(type: T, data: ActionEventData[T]): RenderedMail {
  const wording = (WORDINGS[type] as (d: ActionEventData[T], zone: string | undefined) => Wording)(data, data.timeZone);
  const paragraphs = [...wording.lines, 'You can see and change your subscription in "My orders".'];
  const text = paragraphs.join('\n\n');
  const html = htmlDocument(wording.subject, paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'));
  return { subject: wording.subject, text, html };
}

function nextDelivery(data: SubscriptionLifecycleV1, zone: string | undefined): string {
  return data.nextDueAt ? `Your next order is placed on ${formatDayTime(new Date(data.nextDueAt), zone)}.` : 'No order is planned at the moment.';
}

function skuList(data: SubscriptionLifecycleV1, lineIds: string[]): string {
  return data.lines.filter((line) => lineIds.includes(line.lineId)).map((line) => line.sku).join(', ') || lineIds.join(', ');
}
