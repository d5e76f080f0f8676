import type { Message } from '@platformatic/kafka';
import type { IncomingMessage } from './event-message.processor';

/** A message as the service's consumer reads it: string key and headers, raw value. */
export type ConsumedMessage = Message<string, Buffer, string, string>;

/** The processor's view of a consumed message (offset as a decimal string, headers as a record). */
export function incoming(message: ConsumedMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of message.headers) if (name !== undefined && value !== undefined) headers[name] = value;
  const { topic, partition, offset, key, value } = message;
  return { context: { topic, partition, offset: offset.toString(), key: key ?? null, headers }, value: value ?? null };
}
