import type { EventEnvelope } from '@oms/contracts';

/**
 * Kafka headers copied from the envelope (CloudEvents Kafka binding names), so
 * tools and DLQ readers can route or search without parsing the value.
 */
export const EventHeaders = {
  type: 'ce_type',
  id: 'ce_id',
  correlationId: 'correlationid',
} as const;

/** The envelope attributes the {@link EventHeaders} carry. */
export type HeaderAttributes = Pick<EventEnvelope, 'type' | 'id' | 'correlationid'>;

/** The {@link EventHeaders} of one envelope. */
export function headersOf(envelope: HeaderAttributes): Record<string, string> {
  return {
    [EventHeaders.type]: envelope.type,
    [EventHeaders.id]: envelope.id,
    [EventHeaders.correlationId]: envelope.correlationid,
  };
}
