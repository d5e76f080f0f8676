import { Injectable, Logger } from '@nestjs/common';
import { ContractViolationError, parseEnvelope, type EventEnvelope } from '@oms/contracts';
import type { RetryPolicy } from 'cockatiel';
import { EventHeaders } from '../producer/event-headers';
import { DeadLetterPublisher } from '../producer/dead-letter.publisher';
import { KafkaClient } from '../module/kafka-client.service';
import { handlerRetryPolicy, ProcessingInterrupted } from './handler-retry.policy';
import type { BatchEventHandler, BatchFailure, ConsumedEvent, KafkaEventHandler, ListenerContext } from './listener-context.interface';
import { PermanentEventError } from './permanent-event.error';
import { sequentialBatchHandler } from './sequential-batch.handler';
import { skippedByType } from './taking-only';

/** One consumed message as the processor sees it. */
export interface IncomingMessage {
  context: ListenerContext;
  value: Buffer | null;
}

/** Hooks into the consumer that delivered the message. */
export interface DeliveryControl {
  /** Checked before each retry: rejects once the partition was revoked or the consumer stops (retries end, nothing dead-lettered). */
  heartbeat(): Promise<void>;
  /** Aborted when the consumer stops: remaining retries are abandoned, not dead-lettered. */
  signal: AbortSignal;
}

/**
 * Decides the fate of a batch of one topic's messages (one or more partitions, each in offset order): those whose
 * `ce_type` header names a type the handler does not take are skipped unparsed, malformed ones are
 * dead-lettered, the rest go to the handler together; each event the batch
 * could not commit is then retried alone, in offset order, with backoff, and
 * dead-lettered once its tries are spent. Resolves once the whole batch may be
 * committed; rejects only when it must be redelivered (shutdown, lost
 * partition, or the DLQ itself is unreachable).
 */
@Injectable()
export class EventMessageProcessor {
  private readonly logger = new Logger(EventMessageProcessor.name);
  /** Full series for an event not tried yet; the shorter one continues after a failed try in the batch. */
  private readonly policies: { untried: RetryPolicy; tried?: RetryPolicy };

  constructor(
    client: KafkaClient,
    private readonly deadLetters: DeadLetterPublisher,
  ) {
    const { handlerRetries, retryBaseDelayMs } = client.options;
    this.policies = {
      untried: handlerRetryPolicy(handlerRetries, retryBaseDelayMs),
      tried: handlerRetries > 0 ? handlerRetryPolicy(handlerRetries - 1, retryBaseDelayMs) : undefined,
    };
  }

  /** One message through a per-event handler (a batch of one). */
  async process(message: IncomingMessage, handler: KafkaEventHandler, control: DeliveryControl): Promise<void> {
    await this.processBatch([message], sequentialBatchHandler(handler), control);
  }

  async processBatch(messages: IncomingMessage[], handler: BatchEventHandler, control: DeliveryControl): Promise<void> {
    const events: ConsumedEvent[] = [];
    const sources = new Map<ConsumedEvent, IncomingMessage>(); // dead letters keep the original bytes
    for (const message of messages) {
      if (skippedByType(message.context, handler)) continue;
      try {
        const event = { envelope: parseEnvelope(message.value), context: message.context };
        events.push(event);
        sources.set(event, message);
      } catch (error) {
        if (!(error instanceof ContractViolationError)) throw error;
        await this.deadLetter(message, `malformed: ${error.reasons.join('; ')}`);
      }
    }
    if (events.length === 0) return;
    let failures: BatchFailure[];
    try {
      failures = await handler(events);
    } catch (error) {
      if (control.signal.aborted) throw error;
      this.logger.warn(`batch of ${events.length} from ${describe(events[0]!)} failed, retrying one by one: ${errorText(error)}`);
      failures = events.map((event) => ({ event }));
    }
    const byOffset = [...failures].sort((a, b) => comparePositions(a.event.context, b.event.context));
    for (const failure of byOffset) await this.retryAlone(failure, sources.get(failure.event)!, handler, control);
  }

  private async retryAlone(
    { event, error: first }: BatchFailure,
    source: IncomingMessage,
    handler: BatchEventHandler,
    control: DeliveryControl,
  ): Promise<void> {
    const tried = first !== undefined;
    if (control.signal.aborted) throw tried ? first : control.signal.reason;
    if (tried) this.logger.warn(`try 1 failed for ${describe(event)}: ${errorText(first)}`);
    const policy = tried ? this.policies.tried : this.policies.untried;
    if (first instanceof PermanentEventError || !policy) {
      return this.deadLetter(source, failureReason(first), event.envelope);
    }
    try {
      await policy.execute(async ({ attempt, signal }) => {
        if (signal.aborted) throw new ProcessingInterrupted(signal.reason);
        if (attempt > 0 || tried) {
          await control.heartbeat().catch((error: unknown) => { throw new ProcessingInterrupted(error); });
        }
        const [failure] = await handler([event]);
        if (failure) {
          if (!(failure.error instanceof PermanentEventError)) {
            this.logger.warn(`try ${attempt + (tried ? 2 : 1)} failed for ${describe(event)}: ${errorText(failure.error)}`);
          }
          throw failure.error;
        }
      }, control.signal);
    } catch (error) {
      // Re-throw the original (the partition was revoked, or the consumer is stopping): not this message's fault.
      if (error instanceof ProcessingInterrupted) throw error.original;
      if (control.signal.aborted) throw error; // stopped mid-series: not this message's fault
      await this.deadLetter(source, failureReason(error), event.envelope);
    }
  }

  private async deadLetter(message: IncomingMessage, reason: string, envelope?: EventEnvelope): Promise<void> {
    await this.deadLetters.publish({ context: message.context, value: message.value, error: reason });
    this.logger.error(`dead-lettered ${describe(message, envelope)}: ${reason}`);
  }
}

const failureReason = (error: unknown): string =>
  error instanceof PermanentEventError ? `permanent: ${error.message}` : `retries exhausted: ${errorText(error)}`;

/** Partition, then offset: a batch may hold several partitions of its topic, each retried in its own order. */
function comparePositions(a: ListenerContext, b: ListenerContext): number {
  if (a.partition !== b.partition) return a.partition - b.partition;
  const [x, y] = [BigInt(a.offset), BigInt(b.offset)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Event id and correlation id for logs: from the envelope, else (malformed) from the raw JSON or the headers. */
function describe(message: IncomingMessage | ConsumedEvent, envelope?: EventEnvelope): string {
  const { context } = message;
  const raw = envelope ?? ('envelope' in message ? message.envelope : readableAttributes(message.value));
  const id = raw.id ?? context.headers[EventHeaders.id] ?? 'unknown';
  const correlation = raw.correlationid ?? context.headers[EventHeaders.correlationId] ?? 'unknown';
  return `event ${id} (correlationid ${correlation}) from ${context.topic}[${context.partition}]@${context.offset}`;
}

function readableAttributes(value: Buffer | null): { id?: string; correlationid?: string } {
  try {
    const parsed: unknown = JSON.parse(value?.toString('utf8') ?? '');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { id, correlationid } = parsed as Record<string, unknown>;
    return { id: typeof id === 'string' ? id : undefined, correlationid: typeof correlationid === 'string' ? correlationid : undefined };
  } catch {
    return {};
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
