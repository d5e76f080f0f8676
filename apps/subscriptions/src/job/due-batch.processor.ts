import { Injectable, Logger } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics } from '@oms/contracts';
import { appendManyToOutbox, type OutboxMessage, type SqlClient } from '@oms/outbox';
import { BatchDatabase } from './batch-database';
import { toLifecycleData } from '../subscriptions/subscription.mapper';
import { recordCancels } from './period-end-cancels';
import { ZERO_COUNTS, type RunCounts } from './job-run.types';
import { addRunProgress } from './run-progress.sql';
import { planSubscription, type SubscriptionPlan } from './due-batch.planner';
import { insertRunRecords, writeLedger, type RecordRow } from './ledger.sql';
import { SUBSCRIPTIONS_SYSTEM } from '../lifecycle/system-actor';
import { insertHistory } from '../lifecycle/history.sql';
import { claimDue, LOCKED_ROW_WAIT, type ClaimOptions } from './due-claim.sql';

const ENDED_REASON = 'the schedule has no cycle left (end date or maximum cycles reached)';

/** The run a batch belongs to. */
export interface BatchRun {
  id: string;
  asOf: Date;
  correlationId: string;
  /**
   * Of `ids`, those the run has not counted as scanned yet: a subscription with more due cycles than a batch takes
   * comes back in the next batch, and the log counts it once. The caller records them once the batch committed.
   */
  unseen(ids: readonly string[]): string[];
}

export interface BatchResult {
  claimed: number;
  /** What the batch added to its run's counts, in the job log with the batch's own commit. */
  counts: RunCounts;
  /** The subscriptions this batch counted as scanned for the first time in its run. */
  firstScannedIds: string[];
  /**
   * Subscriptions the rest of the run must not claim again: the failed ones,
   * and any that had nothing to do although they looked due (so a stale due
   * time can never keep the run claiming the same rows).
   */
  excludeIds: string[];
  /** Where the batch's time went: finding and loading due subscriptions, planning, writing. */
  timings: { scanMs: number; planMs: number; writeMs: number };
}

/**
 * One batch of the job, in one transaction: claim up to `size` active or paused
 * (their cycles are recorded as skipped for the pause) subscriptions whose next cycle is due (oldest first, FOR UPDATE SKIP LOCKED
 * so concurrent runs or replicas take different rows), plan each, then write
 * the cycle ledger, the due-order events, the run's records and the new
 * watermarks together. The ledger's primary key makes a second emission of a
 * cycle fail the batch instead of doubling an order.
 */
type PlannedBatch = Array<[Parameters<typeof toLifecycleData>[0], SubscriptionPlan]>;

/** Runs `write` under a savepoint: on failure only its own statements are undone, not the batch's claim. */
async function savepoint(tx: SqlClient, write: () => Promise<void>): Promise<void> {
  await tx.$executeRawUnsafe('SAVEPOINT batch_write');
  try {
    await write();
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT batch_write');
  } catch (error) {
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT batch_write');
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

@Injectable()
export class DueBatchProcessor {
  private readonly logger = new Logger(DueBatchProcessor.name);

  constructor(private readonly database: BatchDatabase) {}

  /**
   * `claim.waitForLocked`: claim due rows that someone else holds locked by waiting for them (up to
   * LOCKED_ROW_WAIT) instead of skipping them. The run does this once SKIP LOCKED finds nothing
   * more, so a subscription that a consumer happened to be updating (recording its order) is not
   * left for the next scheduled run. Waiting is safe with a concurrent run: once the lock is
   * released PostgreSQL re-checks the row, and one whose cycle was just emitted is no longer due.
   */
  async process(run: BatchRun, size: number, claim: ClaimOptions): Promise<BatchResult> {
    if (!claim.waitForLocked) return this.processClaimed(run, size, claim);
    try {
      return await this.processClaimed(run, size, claim);
    } catch (error) {
      if (!/lock timeout/i.test(describe(error))) throw error;
      this.logger.warn(`run ${run.id}: due subscriptions stayed locked for ${LOCKED_ROW_WAIT}; the next run takes them`);
      return { claimed: 0, counts: ZERO_COUNTS, firstScannedIds: [], excludeIds: [], timings: { scanMs: 0, planMs: 0, writeMs: 0 } };
    }
  }

  private async processClaimed(run: BatchRun, size: number, claim: ClaimOptions): Promise<BatchResult> {
    const { id: runId, asOf, correlationId } = run;
    return this.database.transaction(async (tx) => {
      const begun = performance.now();
      const subscriptions = await claimDue(tx, asOf, size, claim);
      if (subscriptions.length === 0) return { claimed: 0, counts: ZERO_COUNTS, firstScannedIds: [], excludeIds: [], timings: { scanMs: performance.now() - begun, planMs: 0, writeMs: 0 } };
      const scanned = performance.now();
      const plans: PlannedBatch = [];
      const failures: RecordRow[] = [];
      for (const subscription of subscriptions) {
        try {
          plans.push([subscription, planSubscription(subscription, asOf, runId, correlationId)]);
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          this.logger.warn(`run ${runId}: subscription ${subscription.id} failed: ${detail}`);
          failures.push({ runId, subscriptionId: subscription.id, cycleIndex: subscription.lastHandledCycle + 1, outcome: 'failed', detail });
        }
      }
      const planned = performance.now();
      const written = await this.writeIsolatingFailures(tx, runId, plans, failures, correlationId, asOf);
      await insertRunRecords(tx, failures);
      const cycles = written.flatMap(([, plan]) => plan.cycles);
      const emitted = cycles.filter((c) => c.status === 'emitted').length;
      const firstScannedIds = run.unseen(subscriptions.map((subscription) => subscription.id));
      const counts = { scanned: firstScannedIds.length, due: cycles.length, emitted, skipped: cycles.length - emitted, failed: failures.length };
      // In the batch's transaction: the log's counts are exactly what committed, even if the process dies right after.
      await addRunProgress(tx, runId, counts);
      const timings = { scanMs: scanned - begun, planMs: planned - scanned, writeMs: performance.now() - planned };
      const idle = written.filter(([, plan]) => plan.cycles.length === 0).map(([subscription]) => subscription.id);
      return { claimed: subscriptions.length, counts, firstScannedIds, excludeIds: [...failures.map((f) => f.subscriptionId), ...idle], timings };
    });
  }

  /**
   * Writes the batch in one go; if that fails (say, a cycle that is somehow in
   * the ledger already), writes it again one subscription at a time under
   * savepoints, so only the offending subscriptions fail and the rest of the
   * batch, and every later batch, still goes out.
   */
  private async writeIsolatingFailures(
    tx: SqlClient, runId: string, plans: PlannedBatch, failures: RecordRow[], correlationId: string, asOf: Date,
  ): Promise<PlannedBatch> {
    try {
      await savepoint(tx, () => this.write(tx, runId, plans, correlationId, asOf));
      return plans;
    } catch (error) {
      this.logger.warn(`run ${runId}: batch write failed (${describe(error)}); writing its subscriptions one by one`);
    }
    const written: PlannedBatch = [];
    for (const entry of plans) {
      try {
        await savepoint(tx, () => this.write(tx, runId, [entry], correlationId, asOf));
        written.push(entry);
      } catch (error) {
        const [subscription] = entry;
        failures.push({ runId, subscriptionId: subscription.id, cycleIndex: subscription.lastHandledCycle + 1, outcome: 'failed', detail: describe(error) });
      }
    }
    return written;
  }

  private async write(tx: SqlClient, runId: string, plans: PlannedBatch, correlationId: string, asOf: Date): Promise<void> {
    const watermarks = plans.map(([{ id }, { lastHandledCycle, nextDueAt, status, stepsOrdered }]) => ({ id, lastHandledCycle, nextDueAt, status, stepsOrdered }));
    // The ledger, the run's records and the watermarks (rows are locked already) first, then the events, in cycle order.
    await writeLedger(tx, plans.flatMap(([, plan]) => plan.cycles), watermarks);
    await recordCancels(tx, plans);
    const endings = plans.filter(([subscription, plan]) => plan.status === 'ended' && subscription.status !== 'ended').map(([subscription, plan]) => ({
      subscription,
      envelope: createEnvelope({
        type: EventTypes.subscriptionEnded, source: '/subscriptions', subject: subscription.id, correlationId, actor: SUBSCRIPTIONS_SYSTEM,
        data: toLifecycleData({ ...subscription, status: 'ended' }, plan.endReason ?? ENDED_REASON),
      }),
      reason: plan.endReason ?? ENDED_REASON,
    }));
    // The job ending a subscription is in its history too, like a period-end cancel taking effect.
    await insertHistory(tx, endings.map(({ subscription, envelope, reason }) => ({
      subscriptionId: subscription.id, action: 'end', actorSub: SUBSCRIPTIONS_SYSTEM.sub, actorRole: SUBSCRIPTIONS_SYSTEM.role,
      reason, at: asOf, before: { status: subscription.status }, after: { status: 'ended' }, eventId: envelope.id,
    })));
    const ended: OutboxMessage[] = endings.map(({ envelope }) => ({ topic: Topics.subscriptionLifecycle, envelope }));
    await appendManyToOutbox(tx, [...plans.flatMap(([, plan]) => plan.events), ...ended]);
  }
}
