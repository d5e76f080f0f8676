import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Message } from '../generated/prisma/client';
import { DispatchDatabase } from './dispatch-database';
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
  /** Claims and rounds under way, whichever call started them; each settles (never rejects) when done. */
  private readonly busy = new Set<Promise<void>>();
  /** Room held by claims still waiting for the database: the most messages each may bring back. */
  private claimingRoom = 0;
  /**
   * Ids of the messages claimed here and not yet recorded. A claim leaves them out: with rounds claimed while others
   * still send, a lease that ended by the clock (a test's business clock moved on, a paused process) would
   * otherwise hand a message still being sent to the next claim here, and it went out twice (main-flow e2e).
   */
  private readonly sendingIds = new Set<string>();

  constructor(
    private readonly database: DispatchDatabase,
    private readonly mail: MailTransport,
    private readonly outcomes: MessageOutcomes,
    @Inject(CLOCK) private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.batchSize = claimSize(config.getOrThrow<number>('SMTP_MAX_CONNECTIONS'), config.getOrThrow<number>('SMTP_MAX_MESSAGES_PER_SECOND'));
  }

  /**
   * Claims due messages and starts sending them, a round per claim, with at most ROUNDS_IN_FLIGHT rounds'
   * worth (ROUNDS_IN_FLIGHT × batchSize messages) claimed and not yet recorded at once, across calls: a call
   * waits for room before each claim, stops claiming when a claim comes back short of what it asked for or
   * `stopping()` says so, and returns without waiting for its rounds to be sent. So the next call, brought
   * forward by newly queued messages, claims while earlier rounds are still sending (waiting for them held
   * every message queued meanwhile until their slowest send and outcome write: most of the steady-rate p99
   * in bench:pipeline). The cap counts messages, not rounds, so a few slow sends in small rounds do not
   * stop the claiming. @returns messages claimed.
   */
  async dispatchDue(stopping: () => boolean = () => false): Promise<number> {
    let claimedTotal = 0;
    for (;;) {
      while (this.unrecorded() >= ROUNDS_IN_FLIGHT * this.batchSize) await Promise.race(this.busy);
      if (stopping()) break;
      const limit = Math.min(this.batchSize, ROUNDS_IN_FLIGHT * this.batchSize - this.unrecorded());
      const claimed = await this.claimRound(limit);
      claimedTotal += claimed;
      if (claimed < limit) break;
    }
    return claimedTotal;
  }

  /** Messages being claimed, or claimed and not yet recorded: what the in-flight cap counts. */
  private unrecorded(): number {
    return this.claimingRoom + this.sendingIds.size;
  }

  /** Resolves once every claim and round started so far is done, sends recorded (shutdown, and callers that need the outcome). */
  async settled(): Promise<void> {
    while (this.busy.size > 0) await Promise.all(this.busy);
  }

  /**
   * Claims up to `limit` messages and starts sending them as one round. The room is held from before the
   * claim's await until the round takes over what was claimed, so two callers cannot claim into the same room.
   * @returns messages claimed.
   */
  private async claimRound(limit: number): Promise<number> {
    this.claimingRoom += limit;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
    const sending = [...this.sendingIds];
    const claiming = this.database.statements((db) => claimDueMessages(db, now, limit, leaseUntil, sending));
    void this.keepBusy(claiming.then(() => undefined, () => undefined));
    try {
      const claimed = await claiming;
      if (claimed.length > 0) this.startRound(claimed);
      return claimed.length;
    } finally {
      this.claimingRoom -= limit;
    }
  }

  private startRound(claimed: Message[]): void {
    for (const message of claimed) this.sendingIds.add(message.id);
    void this.keepBusy(this.sendRound(claimed).finally(() => {
      for (const message of claimed) this.sendingIds.delete(message.id);
    }));
  }

  /** Keeps `work` (which never rejects) in the set a caller waiting for room or for settling waits on. */
  private keepBusy(work: Promise<void>): Promise<void> {
    const tracked: Promise<void> = work.finally(() => this.busy.delete(tracked));
    this.busy.add(tracked);
    return tracked;
  }

  /** One round: sends each claimed message, then records the sends in one transaction; never rejects. */
  private async sendRound(claimed: Message[]): Promise<void> {
    // allSettled: one message whose failure could not be recorded (its lease then expires
    // and it is tried again) must not end the round while the others are still sending.
    const results = await Promise.allSettled(claimed.map((message) => this.deliver(message)));
    const sent: Array<{ message: Message; providerMessageId: string }> = [];
    results.forEach((result, i) => {
      if (result.status === 'rejected') this.logger.error(`message ${claimed[i]!.id}: recording the failure failed: ${String(result.reason)}`);
      else if (result.value) sent.push({ message: claimed[i]!, providerMessageId: result.value });
    });
    try {
      await this.outcomes.sent(sent);
    } catch (error) {
      // The leases expire and these messages are sent again: at least once, as before.
      this.logger.error(`${sent.length} messages were sent but not recorded as sent; they go again once their lease ends: ${error instanceof Error ? error.message : String(error)}`);
    }
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
