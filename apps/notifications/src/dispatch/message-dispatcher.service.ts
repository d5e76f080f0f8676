import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Message } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { MailTransport } from './mail.transport';
import { claimDueMessages } from './message-claim.sql';
import { MessageOutcomes } from './message-outcomes.service';

/**
 * Messages claimed per round, per pooled SMTP connection: a round claims
 * SMTP_MAX_CONNECTIONS times this many, so more connections send more per round
 * (a fixed 20 held the pipeline benchmark to ~40 emails/s) while each
 * connection still carries at most this many sends of a batch.
 */
export const SENDS_PER_CONNECTION = 7;
export const CLAIM_LEASE_MS = 10 * 60_000;
/**
 * Rounds a dispatcher keeps in flight at once: while one waits for its slowest send and records its
 * outcomes, the next one's messages keep the pooled connections busy. One round at a time left every
 * connection idle during each round's tail, outcome write and next claim (in bench:pipeline on the loaded
 * machine: 1-4 s of every 10-30 s round).
 */
export const ROUNDS_IN_FLIGHT = 2;

/**
 * Messages one round claims: SENDS_PER_CONNECTION per connection, and under a sending rate limit no more
 * than the rounds in flight can send in half the lease, so a claimed message is never re-claimed (and sent
 * twice) only because the rate limit held it back in the pool's queue.
 */
export function claimSize(connections: number, messagesPerSecond: number): number {
  const perPool = SENDS_PER_CONNECTION * connections;
  if (messagesPerSecond <= 0) return perPool;
  return Math.max(1, Math.min(perPool, Math.floor((messagesPerSecond * CLAIM_LEASE_MS) / 1000 / 2 / ROUNDS_IN_FLIGHT)));
}

/**
 * Sends pending messages whose time has come. Claiming is one statement
 * (FOR UPDATE SKIP LOCKED, then the lease), so replicas, and the rounds of one
 * replica, share the work, and no database transaction stays open while an SMTP server is slow.
 */
@Injectable()
export class MessageDispatcher {
  private readonly logger = new Logger(MessageDispatcher.name);
  /** Messages claimed per round; a round that claims fewer found no more due. */
  readonly batchSize: number;

  constructor(
    private readonly prisma: PrismaService,
    private readonly mail: MailTransport,
    private readonly outcomes: MessageOutcomes,
    @Inject(CLOCK) private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.batchSize = claimSize(config.getOrThrow<number>('SMTP_MAX_CONNECTIONS'), config.getOrThrow<number>('SMTP_MAX_MESSAGES_PER_SECOND'));
  }

  /**
   * Sends every message due now: claims a round and, once a claim came back full, the next one while the
   * first is still sending, up to ROUNDS_IN_FLIGHT at once; stops claiming when a claim comes back short or
   * `stopping()` says so, and returns when every claimed round is sent and recorded. @returns messages claimed.
   */
  async dispatchDue(stopping: () => boolean = () => false): Promise<number> {
    const rounds = new Set<Promise<void>>();
    let claimedTotal = 0;
    let failure: unknown;
    try {
      for (;;) {
        const claimed = await this.claim(this.clock.now());
        claimedTotal += claimed.length;
        if (claimed.length > 0) {
          const round: Promise<void> = this.sendRound(claimed)
            .catch((error: unknown) => { failure ??= error; })
            .finally(() => rounds.delete(round));
          rounds.add(round);
        }
        if (claimed.length < this.batchSize || stopping() || failure !== undefined) break;
        while (rounds.size >= ROUNDS_IN_FLIGHT) await Promise.race(rounds);
      }
    } finally {
      // Also when a claim failed: a round still sending must finish before the caller's next round or shutdown.
      await Promise.all(rounds);
    }
    if (failure !== undefined) throw failure;
    return claimedTotal;
  }

  /** One round: sends each claimed message, then records the sends in one transaction. */
  private async sendRound(claimed: Message[]): Promise<void> {
    // allSettled: one message whose failure could not be recorded (its lease then expires
    // and it is tried again) must not end the round while the others are still sending.
    const results = await Promise.allSettled(claimed.map((message) => this.deliver(message)));
    const sent: Array<{ message: Message; providerMessageId: string }> = [];
    results.forEach((result, i) => {
      if (result.status === 'rejected') this.logger.error(`message ${claimed[i]!.id}: recording the failure failed: ${String(result.reason)}`);
      else if (result.value) sent.push({ message: claimed[i]!, providerMessageId: result.value });
    });
    // If this fails the leases expire and the messages are sent again: at least once, as before.
    await this.outcomes.sent(sent);
  }

  private claim(now: Date): Promise<Message[]> {
    return claimDueMessages(this.prisma, now, this.batchSize, new Date(now.getTime() + CLAIM_LEASE_MS));
  }

  /** Sends one message: its provider message id once sent, or undefined after recording the failure. */
  private async deliver(message: Message): Promise<string | undefined> {
    try {
      const sent = await this.mail.send({
        to: message.recipient,
        subject: message.subject,
        text: message.body,
        html: message.bodyHtml,
        // Stable per message: a resend after a crash carries the same Message-ID, which mail clients de-duplicate.
        messageId: `<${message.id}@${this.mail.senderDomain()}>`,
        headers: { 'X-OMS-Template': message.template, 'X-OMS-Event': message.eventId, 'X-OMS-Message-Id': message.id },
      });
      return sent.messageId;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const outcome = await this.outcomes.failed(message, reason);
      this.logger.warn(`message ${message.id} (${message.template}) attempt ${message.attempts + 1} failed, ${outcome === 'retry' ? 'will retry' : 'giving up'}: ${reason}`);
      return undefined;
    }
  }
}
