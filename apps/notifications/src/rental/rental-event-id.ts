import { derivedEventId } from '../messages/derived-event-id';

/** Fixed forever: changing it would give every check-in and status reminder a new identity (and a second email). */
const NAMESPACE = Buffer.from('7d1e6c0a9b8f4e2d8c3b5a6f7e8d9c0b', 'hex');

/** `event_type` of messages the rental pollers trigger themselves (no upstream event). */
export const CHECK_IN_EVENT_TYPE = 'notifications.rental-check-in.due';
export const STATUS_REMINDER_EVENT_TYPE = 'notifications.rental-status-reminder.due';

/**
 * A name-based (RFC 9562 version 5) uuid standing in for the triggering event
 * of a poller's message, so a check-in (per subscription) or a status reminder
 * (per rule and delivery) keeps one (event, template, recipient) key however
 * often it is found due.
 */
export function rentalEventId(name: string): string {
  return derivedEventId(NAMESPACE, name);
}

export const checkInEventId = (subscriptionId: string) => rentalEventId(`rental-check-in:${subscriptionId}`);
export const statusReminderEventId = (ruleKey: string, shipmentId: string) => rentalEventId(`rental-status-reminder:${ruleKey}:${shipmentId}`);
