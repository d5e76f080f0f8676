import { EVENT_REGISTRY } from '@oms/contracts';
import { EventHeaders } from '../producer/event-headers';
import type { BatchEventHandler, ConsumedEvent, ListenerContext } from './listener-context.interface';

/**
 * `handler` for the events of `types` only. The consumer skips a message whose `ce_type` header names another
 * registered type of the message's topic without parsing or validating it (a tenth to a third of a consumer's CPU
 * per event went to that for events it then dropped: subscriptions takes one of the three order events of a
 * cycle). Any other message is parsed, and its envelope's type decides, as before.
 */
export function takingOnly(types: readonly string[], handler: (events: ConsumedEvent[]) => ReturnType<BatchEventHandler>): BatchEventHandler {
  const taken = new Set(types);
  return Object.assign((events: ConsumedEvent[]) => handler(events.filter((event) => taken.has(event.envelope.type))), { types: taken });
}

/**
 * The message is one `handler` does not take, by its `ce_type` header (which our producers copy from the envelope):
 * a registered type of this very topic that is not among the handler's types. A message without the header, or
 * whose header names a type unknown here or of another topic (an upstream channel's own name, a newer version), is
 * parsed: the envelope decides, and a malformed one is still dead-lettered, never dropped on its header's word.
 */
export function skippedByType(context: ListenerContext, handler: BatchEventHandler): boolean {
  if (handler.types === undefined) return false;
  const type = context.headers[EventHeaders.type];
  return type !== undefined && !handler.types.has(type) && EVENT_REGISTRY.get(type)?.topic === context.topic;
}
