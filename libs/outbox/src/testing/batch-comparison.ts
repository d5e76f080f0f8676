import type { EventEnvelope } from '@oms/contracts';
import type { BatchFailure, ConsumedEvent } from '@oms/kafka';
import type { BatchEffect } from '../batch-effect.decorator';
import type { IdempotentConsumer } from '../idempotent-consumer.service';
import type { IdempotentEffect } from '../idempotent-listener.decorator';
import type { SqlClient } from '../sql-client.types';

/** An event as a Kafka batch hands it to a consumer: partition 0 of `topic` at `offset`, keyed by its subject unless told. */
export function consumedAt(topic: string, envelope: EventEnvelope, offset: number, key: string | null = envelope.subject ?? null): ConsumedEvent {
  return { envelope, context: { topic, partition: 0, offset: String(offset), key, headers: {} } };
}

/** A consumer's batch form, and the per-event effect (its listener or pg variant) it must match applied one event at a time. */
export interface BatchForms {
  batch: BatchEffect<SqlClient>;
  single: IdempotentEffect<SqlClient>;
}

/** What a scenario sets up (on fresh ids each time it is called): the events of its batch, in offset order. */
export interface BatchScenario {
  events: ConsumedEvent[];
}

/**
 * Applies a scenario twice on the real database, each time set up afresh: as one batch through the batch form, with
 * the per-event effect replaced by one that throws (a batch form that failed would fall back to it, so the batch form
 * must do all), then event by event through the per-event effect. Every event must commit both ways. What each run
 * left is the caller's to compare: equal, labelled, when the batch form leaves what the events one by one leave.
 */
export async function applyBatchAndOneByOne<S extends BatchScenario>(
  consumer: IdempotentConsumer, name: string, forms: BatchForms, scenario: () => Promise<S>,
): Promise<{ batched: S; oneByOne: S }> {
  const batched = await scenario();
  committed(await consumer.applyBatchOnPg(name, batched.events, batchFormFailed, forms.batch), 'the batch');
  const oneByOne = await scenario();
  for (const event of oneByOne.events) committed(await consumer.applyBatchOnPg(name, [event], forms.single), `event ${event.envelope.id} alone`);
  return { batched, oneByOne };
}

const batchFormFailed: IdempotentEffect<SqlClient> = async () => {
  throw new Error('the batch form failed: its batch went to the per-event effect');
};

function committed(failures: BatchFailure[], what: string): void {
  if (failures.length === 0) return;
  const reasons = failures.map((failure) => `${failure.event.envelope.id}: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`);
  throw new Error(`${what} did not commit every event:\n${reasons.join('\n')}`);
}
