import { derivedEventId } from '../messages/derived-event-id';

/** Fixed forever: changing it would give every reminder a new identity (and a second email). */
const NAMESPACE = Buffer.from('3c9b1f7e5a2d4c8e9f0a1b2c3d4e5f60', 'hex');

/** `event_type` of renewal-reminder messages: no upstream event, the reminder itself triggers them. */
export const REMINDER_EVENT_TYPE = 'notifications.reminder.due';

/**
 * The "event id" of a renewal reminder: a name-based (RFC 9562 version 5) uuid of
 * the subscription and the cycle's due time, so however often a reminder is
 * scheduled or queued, its message keeps one (event, template, recipient) key.
 */
export function reminderEventId(subscriptionId: string, cycleDueAt: Date): string {
  return derivedEventId(NAMESPACE, `renewal-reminder:${subscriptionId}:${cycleDueAt.toISOString()}`);
}
