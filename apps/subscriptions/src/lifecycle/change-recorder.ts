import { createEnvelope, EVENT_REGISTRY, eventCausedBy, type EventEnvelope, type EventType } from '@oms/contracts';
import { appendToOutbox, type SqlClient } from '@oms/outbox';
import { toLifecycleData, type FullSubscription } from '../subscriptions/subscription.mapper';
import type { Actor } from '@oms/auth';
import { changedFields } from './subscription-view';
import { insertHistory } from './history.sql';

/** One change to a subscription: the history row and the lifecycle event that record it. */
export interface SubscriptionChange {
  /** History action: pause, resume, skip, unskip, reschedule, change, cancel, reactivate, ... */
  action: string;
  actor: Actor;
  reason?: string;
  at: Date;
  before: FullSubscription;
  after: FullSubscription;
  /** Lifecycle event type and its typed facts beyond the subscription's state. */
  type: EventType;
  facts: object;
  correlationId?: string;
  /** The event being handled, when the change is a consumer's. */
  cause?: EventEnvelope;
}

/**
 * Writes the history row (only the fields that changed, before and after) and the
 * lifecycle event through the outbox, both in `tx`, the transaction of the change.
 */
export async function recordChange(tx: SqlClient, change: SubscriptionChange): Promise<EventEnvelope> {
  const { after } = change;
  const data = { ...toLifecycleData(after, change.reason), actor: change.actor, ...change.facts };
  const input = { type: change.type, source: '/subscriptions', subject: after.id, data, time: change.at, actor: change.actor };
  const envelope = change.cause ? eventCausedBy(change.cause, input) : createEnvelope({ ...input, correlationId: change.correlationId });
  const diff = changedFields(change.before, after, change.at);
  await insertHistory(tx, [{
    subscriptionId: after.id, action: change.action, actorSub: change.actor.sub, actorRole: change.actor.role,
    reason: change.reason ?? null, at: change.at, before: diff.before, after: diff.after, eventId: envelope.id,
  }]);
  await appendToOutbox(tx, { topic: EVENT_REGISTRY.get(change.type)!.topic, envelope });
  return envelope;
}
