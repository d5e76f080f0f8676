import { Injectable, type Type } from '@nestjs/common';
import type { EventEnvelope } from '@oms/contracts';
import { IdempotentListener, type EffectContext, type SqlClient } from '../../src';

/** Name under which the proof listener records processed events. */
export const PROOF_CONSUMER = 'proof-listener';

/** Behaviour a test can switch on in its listener. */
export interface ProofListenerBehaviour {
  /** Event id -> number of calls that throw a transient error before one succeeds. */
  transientFailures?: Map<string, number>;
  /** Event ids whose effect always throws (to exhaust retries). */
  alwaysFail?: Set<string>;
  /** SIGKILL this process right after the batch holding the first applied event committed, before its offset commit. */
  crashAfterEffect?: boolean;
}

/** One applied effect as the listener saw it. */
export interface ProofDelivery {
  eventId: string;
  key: string | null;
  partition: number;
}

/** Interface of the generated listener class. */
export interface ProofListener {
  /** Effects that ran (a skipped duplicate never reaches the effect). */
  readonly deliveries: ProofDelivery[];
  /** Effect calls per event id, including failed ones. */
  readonly calls: Map<string, number>;
  applyProofEffect(tx: SqlClient, envelope: EventEnvelope, context: EffectContext): Promise<void>;
}

/**
 * Builds a listener class for `topic` (decorators need the topic when the class
 * is defined, and each test file uses its own topic). Its effect is one
 * proof_effect row per event, applied through `@IdempotentListener` (batched), in a Prisma
 * transaction or on pg directly (`transaction`; pg needs the app's database URL: `wakeups`).
 */
export function proofListenerFor(topic: string, behaviour: ProofListenerBehaviour = {}, transaction: 'prisma' | 'pg' = 'prisma'): Type<ProofListener> {
  @Injectable()
  class GeneratedProofListener implements ProofListener {
    readonly deliveries: ProofDelivery[] = [];
    readonly calls = new Map<string, number>();

    @IdempotentListener(topic, PROOF_CONSUMER, { transaction })
    async applyProofEffect(tx: SqlClient, envelope: EventEnvelope, context: EffectContext): Promise<void> {
      const call = (this.calls.get(envelope.id) ?? 0) + 1;
      this.calls.set(envelope.id, call);
      if (behaviour.alwaysFail?.has(envelope.id)) throw new Error(`poison ${envelope.id}`);
      if (call <= (behaviour.transientFailures?.get(envelope.id) ?? 0)) throw new Error(`transient failure ${call}`);

      await tx.$executeRaw`INSERT INTO proof_effect (event_id, label) VALUES (${envelope.id}::uuid, ${envelope.subject})`;
      context.afterCommit(async () => {
        this.deliveries.push({ eventId: envelope.id, key: context.key, partition: context.partition });
        // The effect and its processed_event row are committed; the offset is not yet.
        if (behaviour.crashAfterEffect) process.kill(process.pid, 'SIGKILL');
      });
    }
  }
  return GeneratedProofListener;
}
