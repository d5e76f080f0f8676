import { Injectable, Logger } from '@nestjs/common';
import { ContractViolationError, parseEnvelope, type EventEnvelope } from '@oms/contracts';
import type { RetryPolicy } from 'cockatiel';
import { EventHeaders } from '../producer/event-headers';
import { DeadLetterPublisher } from '../producer/dead-letter.publisher';
import { KafkaClient } from '../module/kafka-client.service';
import { handlerRetryPolicy, ProcessingInterrupted } from './handler-retry.policy';
import type { KafkaEventHandler, ListenerContext } from './listener-context.interface';
import { PermanentEventError } from './permanent-event.error';

/** One consumed message as the processor sees it. */
export interface IncomingMessage {
  context: ListenerContext;
  value: Buffer | null;
}

/** Hooks into the consumer that delivered the message. */
export interface DeliveryControl {
  /** Tells the group coordinator this member is alive during long retries. */
  heartbeat(): Promise<void>;
  /** Aborted when the consumer stops: remaining retries are abandoned, not dead-lettered. */
  signal: AbortSignal;
}

/**
 * Decides the fate of one message: handled, or dead-lettered. It resolves once
 * the message may be committed and rejects only when it must be redelivered
 * (shutdown, lost partition, or the DLQ itself is unreachable).
 */
@Injectable()
export class EventMessageProcessor {
  private readonly logger = new Logger(EventMessageProcessor.name);
  private readonly policy: RetryPolicy;

  constructor(
    client: KafkaClient,
    private readonly deadLetters: DeadLetterPublisher,
  ) {
    this.policy = handlerRetryPolicy(client.options.handlerRetries, client.options.retryBaseDelayMs);
  }

  async process(message: IncomingMessage, handler: KafkaEventHandler, control: DeliveryControl): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(message.value);
    } catch (error) {
      if (!(error instanceof ContractViolationError)) throw error;
      return this.deadLetter(message, `malformed: ${error.reasons.join('; ')}`);
    }
    try {
      await this.policy.execute(async ({ attempt, signal }) => {
        if (signal.aborted) throw new ProcessingInterrupted(signal.reason);
        if (attempt > 0) {
          await control.heartbeat().catch((error: unknown) => { throw new ProcessingInterrupted(error); });
        }
        try {
          await handler(envelope, message.context);
        } catch (error) {
          if (!(error instanceof PermanentEventError)) {
            this.logger.warn(`try ${attempt + 1} failed for ${describe(message, envelope)}: ${errorText(error)}`);
          }
          throw error;
        }
      }, control.signal);
    } catch (error) {
      // Re-throw the original so kafkajs sees e.g. its own rebalance error and rejoins.
      if (error instanceof ProcessingInterrupted) throw error.original;
      if (control.signal.aborted) throw error; // stopped mid-series: not this message's fault
      const reason = error instanceof PermanentEventError
        ? `permanent: ${error.message}`
        : `retries exhausted: ${errorText(error)}`;
      await this.deadLetter(message, reason, envelope);
    }
  }

  private async deadLetter(message: IncomingMessage, reason: string, envelope?: EventEnvelope): Promise<void> {
    await this.deadLetters.publish({ context: message.context, value: message.value, error: reason });
    this.logger.error(`dead-lettered ${describe(message, envelope)}: ${reason}`);
  }
}

/** Event id and correlation id for logs: from the envelope, else (malformed) from the raw JSON or the headers. */
function describe({ context, value }: IncomingMessage, envelope?: EventEnvelope): string {
  const raw = envelope ?? readableAttributes(value);
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
