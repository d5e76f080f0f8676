import type { Logger } from '@nestjs/common';
import { findErrorBy } from '@platformatic/kafka';
import type { EventConsumer } from '../module/kafka-client.service';
import { kafkaErrorText } from '../module/kafka-error.util';
import type { ConsumedMessage } from './consumed-message';

/** What {@link commitChunk} asks of the session. */
export interface CommitScope {
  consumer: EventConsumer;
  logger: Logger;
  /** Aborted when the session died: nothing more is committed. */
  dead: AbortSignal;
  /** A rebalance was announced and its join has not completed yet. */
  rebalancing: boolean;
  /** Whether this member still owns the partition of a chunk's last message (asked after any rebalance settled). */
  owns(last: ConsumedMessage): boolean;
  /** Longest wait for a rebalance to settle before giving the commit up (the chunk is then delivered again). */
  settleTimeoutMs: number;
}

/**
 * Commits, in one request, the offset after each of `lasts` (the last message of each partition of a
 * chunk: the next one to read), once any rebalance under way has settled, for the partitions this member
 * still owns. A commit the broker refuses because of a rebalance is not a crash: whoever owns the
 * partitions re-reads from the last commit.
 *
 * @returns the error that should end the session (the broker refused for another reason), if any.
 */
export async function commitChunk(lasts: readonly ConsumedMessage[], scope: CommitScope): Promise<Error | undefined> {
  const { consumer, logger, dead } = scope;
  if (scope.rebalancing || !consumer.isActive()) await untilJoined(consumer, dead, scope.settleTimeoutMs);
  if (dead.aborted || !consumer.isActive()) return undefined;
  // A partition lost meanwhile is left to its new owner, which re-reads from the last commit.
  const offsets = lasts
    .filter((last) => scope.owns(last))
    .map(({ topic, partition, offset, leaderEpoch }) => ({ topic, partition, offset: offset + 1n, leaderEpoch }));
  if (offsets.length === 0) return undefined;
  const where = offsets.map(({ topic, partition, offset }) => `${topic}[${partition}]@${offset}`).join(', ');
  try {
    await consumer.commit({ offsets });
    return undefined;
  } catch (error) {
    if (dead.aborted) return undefined;
    if (findErrorBy(error as Error, 'needsRejoin', true)) {
      logger.warn(`commit of ${where} refused by a rebalance; those messages will be delivered again`);
      return undefined;
    }
    return new Error(`commit of ${where} failed: ${kafkaErrorText(error)}`, { cause: error });
  }
}

/** Resolves at the consumer's next completed join, when the session dies, or after `timeoutMs`. */
function untilJoined(consumer: EventConsumer, dead: AbortSignal, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(), timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      consumer.off('consumer:group:join', done);
      dead.removeEventListener('abort', done);
      resolve();
    };
    consumer.on('consumer:group:join', done);
    dead.addEventListener('abort', done);
  });
}
