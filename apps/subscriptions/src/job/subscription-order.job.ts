import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Actor } from '@oms/auth';
import type { JobRunTrigger } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { JobRun } from '../generated/prisma/client';
import { SettingsService } from '../settings/settings.service';
import { DueBatchProcessor, type BatchRun } from './due-batch.processor';
import { newCorrelationId } from './due-batch.planner';
import { addCounts, finalStatus, ZERO_COUNTS, type RunCounts } from './job-run.types';
import { JobRunsService } from './job-runs.service';
import { PauseTransitions } from './pause-transitions';
import type { ClaimShare } from './due-claim.sql';

/** What a run's lanes add up together. */
interface RunTally {
  counts: RunCounts;
  scannedIds: Set<string>;
  correlationId: string;
  /** Set when a lane failed: the others stop too. */
  stop: boolean;
}

/**
 * The subscription-order job (IOM "Run > Subscription order job"): turns every
 * cycle that has come due into one due-order event, batch after batch, until
 * nothing due is left, and records the run in the job log.
 */
@Injectable()
export class SubscriptionOrderJob implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SubscriptionOrderJob.name);
  private readonly inFlight = new Set<Promise<JobRun>>();
  private stopping = false;

  constructor(
    private readonly runs: JobRunsService,
    private readonly batches: DueBatchProcessor,
    private readonly settings: SettingsService,
    private readonly pauses: PauseTransitions,
    private readonly config: ConfigService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts a run in the background and returns it as soon as it is logged (status running) with who started it. */
  async start(trigger: JobRunTrigger, actor: Actor, rerunOf?: string): Promise<{ run: JobRun; done: Promise<JobRun> }> {
    const run = await this.runs.begin(trigger, actor, this.clock.now(), rerunOf);
    const done = this.execute(run).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    return { run, done };
  }

  /** Runs to the end; for the timer and for callers that wait. */
  async run(trigger: JobRunTrigger, actor: Actor, rerunOf?: string): Promise<JobRun> {
    return (await this.start(trigger, actor, rerunOf)).done;
  }

  /**
   * Stops runs between batches (a batch is one transaction, so nothing is half
   * done) and records them as interrupted while the database is still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async execute(run: JobRun): Promise<JobRun> {
    try {
      if (!(await this.settings.subscriptionOrders()).enabled) {
        return await this.runs.finish(run, 'disabled', 'Subscription orders are turned off: nothing was scanned or emitted');
      }
      await this.pauses.apply(run.asOf);
      const lanes = this.config.getOrThrow<number>('JOB_PARALLEL_BATCHES');
      const tally: RunTally = { counts: ZERO_COUNTS, scannedIds: new Set<string>(), correlationId: newCorrelationId(), stop: false };
      // Lanes claim disjoint parts of the due rows (ClaimShare), each batch on its own connection, so
      // one batch's statements run in PostgreSQL while another is planned or written.
      const drained = await Promise.allSettled(Array.from({ length: lanes }, (_, lane) => this.drain(run, { lane, lanes }, tally)));
      const failure = drained.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failure) throw failure.reason;
      const { counts } = tally;
      if (drained.some((result) => result.status === 'fulfilled' && result.value === 'interrupted')) {
        return await this.runs.finish(run, 'failed', `interrupted by shutdown after ${counts.emitted} emitted; re-run it to finish`);
      }
      const status = finalStatus(counts);
      this.logger.log(`run ${run.id} (${run.trigger}) ${status}: ${JSON.stringify(counts)}`);
      return await this.runs.finish(run, status, counts.failed > 0 ? `${counts.failed} subscription(s) failed; see the run's records` : undefined);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`run ${run.id} failed: ${message}`);
      // Recording the failure needs the database too; if that is what failed, the
      // run stays "running" in the log rather than crashing the service.
      return this.runs.finish(run, 'failed', message).catch((finishError: unknown) => {
        this.logger.error(`run ${run.id}: could not record its failure: ${String(finishError)}`);
        return run;
      });
    }
  }

  /**
   * One lane of a run: its part of the due subscriptions, batch after batch, until nothing is left, or until
   * shutdown stops it between batches (a batch is one transaction, so nothing is half done).
   */
  private async drain(run: JobRun, share: ClaimShare, tally: RunTally): Promise<'drained' | 'interrupted'> {
    const size = this.config.getOrThrow<number>('JOB_BATCH_SIZE');
    const exclude: string[] = [];
    // A subscription far behind comes back batch after batch (CYCLES_PER_SUBSCRIPTION each): the log counts it once.
    const unseen = (ids: readonly string[]) => ids.filter((id) => !tally.scannedIds.has(id));
    const batchRun: BatchRun = { id: run.id, asOf: run.asOf, correlationId: tally.correlationId, unseen };
    try {
      for (;;) {
        if (this.stopping || tally.stop) return 'interrupted';
        let batch = await this.batches.process(batchRun, size, { exclude, share });
        // Nothing unlocked is due: take the due rows others hold (a consumer recording an order) by waiting for them.
        if (batch.claimed === 0) batch = await this.batches.process(batchRun, size, { exclude, share, waitForLocked: true });
        this.logger.debug(`run ${run.id}: batch of ${batch.claimed} ${JSON.stringify(batch.timings)}`);
        if (batch.claimed === 0) return 'drained';
        exclude.push(...batch.excludeIds);
        batch.firstScannedIds.forEach((id) => tally.scannedIds.add(id));
        tally.counts = addCounts(tally.counts, batch.counts);
      }
    } catch (error) {
      tally.stop = true; // the other lanes stop after their current batch; the run records the failure
      throw error;
    }
  }
}
