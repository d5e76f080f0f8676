import { createHash } from 'node:crypto';

/**
 * A name-based (RFC 9562 version 5) uuid standing in for a message's triggering event where
 * one message must come of many events or runs (a reminder found due again, an order confirmed
 * again after a hold): the message keeps one (event, template, recipient) key, so it is sent once.
 * Each kind of message has its own namespace, fixed forever: changing one would give every such
 * message a new identity, and a second email.
 */
export function derivedEventId(namespace: Buffer, name: string): string {
  const bytes = createHash('sha1').update(namespace).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
