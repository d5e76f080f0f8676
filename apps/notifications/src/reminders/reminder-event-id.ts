import { createHash } from 'node:crypto';

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
  const hash = createHash('sha1').update(NAMESPACE).update(`renewal-reminder:${subscriptionId}:${cycleDueAt.toISOString()}`).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
