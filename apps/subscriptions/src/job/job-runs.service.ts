import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { createEnvelope, EventTypes, Topics, type JobRunStatus, type JobRunTrigger } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import { notFound } from '@oms/service-runtime';
import type { JobRun } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { SUBSCRIPTION_ORDER_JOB } from './job-run.types';

/** Only these can be re-run, and only while no re-run of theirs is running or has succeeded. */
export const RERUNNABLE = ['failed', 'partially-failed'];

function rerunRefused(message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message });
}

/** A cycle order's payment as a job run record shows it. */
export interface RecordPayment {
  /** authorized | failing | recovered | exhausted */
  outcome: string;
  failedAttempts: number;
  /** paused | cancelled | skipped, once the dunning ladder was exhausted. */
  dunningOutcome: string | null;
}

/** One line of a run's records: a cycle it wrote (emitted or skipped, `detail` the skip reason) or a failed subscription. */
export interface RunRecord {
  subscriptionId: string;
  cycleIndex: number | null;
  /** emitted | skipped | failed */
  outcome: string;
  detail: string | null;
}

/** The job log: one row per run; each batch adds its counts in its own transaction (addRunProgress), so a long run shows progress. */
@Injectable()
export class JobRunsService {
  constructor(private readonly prisma: PrismaService) {}

  begin(trigger: JobRunTrigger, actor: Actor, asOf: Date, rerunOf?: string): Promise<JobRun> {
    const run = {
      id: randomUUID(), job: SUBSCRIPTION_ORDER_JOB, trigger, status: 'running', asOf, rerunOf: rerunOf ?? null, startedAt: new Date(),
      actorSub: actor.sub, actorRole: actor.role,
    };
    if (!rerunOf) return this.prisma.jobRun.create({ data: run });
    return this.prisma.$transaction(async (tx) => {
      // The failed run's row is locked while its re-runs are checked, so two re-run requests at once start one run.
      const [previous] = await tx.$queryRaw<Pick<JobRun, 'id' | 'status'>[]>`SELECT id, status FROM job_run WHERE id = ${rerunOf}::uuid FOR UPDATE`;
      if (!previous) throw notFound('job run', rerunOf);
      if (!RERUNNABLE.includes(previous.status)) {
        throw rerunRefused(`run ${rerunOf} ${previous.status === 'running' ? 'is still running' : previous.status}; only a failed or partially failed run can be re-run`);
      }
      const [active] = await tx.$queryRaw<Pick<JobRun, 'id' | 'status'>[]>`
        SELECT id, status FROM job_run WHERE rerun_of = ${rerunOf}::uuid AND status IN ('running', 'succeeded') ORDER BY started_at DESC LIMIT 1`;
      if (active) {
        throw rerunRefused(`run ${rerunOf} ${active.status === 'running' ? 'is being re-run' : 'was re-run successfully'} by run ${active.id}; re-run that run if it fails`);
      }
      return tx.jobRun.create({ data: run });
    });
  }

  /** The newest re-run of each of `runIds`, so the log links a failed run to what repaired it. */
  async rerunsOf(runIds: string[]): Promise<Map<string, string>> {
    const reruns = await this.prisma.jobRun.findMany({
      where: { rerunOf: { in: runIds } }, orderBy: [{ startedAt: 'asc' }, { id: 'asc' }], select: { id: true, rerunOf: true },
    });
    return new Map(reruns.map((rerun) => [rerun.rerunOf!, rerun.id]));
  }

  /**
   * How the payment of each record's cycle order went (the cycle ledger's payment columns, kept up to date from
   * orders' payment events), keyed `subscriptionId:cycleIndex`; records of cycles without an order have none.
   */
  async paymentsOf(records: Array<{ subscriptionId: string; cycleIndex: number | null }>): Promise<Map<string, RecordPayment>> {
    const keys = records.flatMap((r) => (r.cycleIndex === null ? [] : [{ subscriptionId: r.subscriptionId, cycleIndex: r.cycleIndex }]));
    if (keys.length === 0) return new Map();
    const cycles = await this.prisma.subscriptionCycle.findMany({
      where: { OR: keys, paymentOutcome: { not: null } },
      select: { subscriptionId: true, cycleIndex: true, paymentOutcome: true, paymentFailedAttempts: true, dunningOutcome: true },
    });
    return new Map(cycles.map((c) => [`${c.subscriptionId}:${c.cycleIndex}`, { outcome: c.paymentOutcome!, failedAttempts: c.paymentFailedAttempts, dunningOutcome: c.dunningOutcome }]));
  }

  /**
   * A page of what run `runId` did: the cycles it wrote (the ledger's rows with its run_id: emitted, or skipped with
   * the reason), in the order its batches committed, then the subscriptions that failed, with their errors.
   */
  async records(runId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: RunRecord[] }> {
    const items = await this.prisma.$queryRaw<RunRecord[]>`
      SELECT subscription_id::text AS "subscriptionId", cycle_index AS "cycleIndex", outcome, detail FROM (
        SELECT 0 AS part, created_at, subscription_id, cycle_index, status AS outcome, skip_reason AS detail, 0::bigint AS id
        FROM subscription_cycle WHERE run_id = ${runId}::uuid
        UNION ALL
        SELECT 1, NULL, subscription_id, cycle_index, outcome, detail, id FROM job_run_record WHERE run_id = ${runId}::uuid) AS r
      ORDER BY part, created_at, subscription_id, cycle_index, id
      LIMIT ${page.limit} OFFSET ${page.offset}`;
    const [counted] = await this.prisma.$queryRaw<Array<{ total: number }>>`
      SELECT ((SELECT count(*) FROM subscription_cycle WHERE run_id = ${runId}::uuid)
        + (SELECT count(*) FROM job_run_record WHERE run_id = ${runId}::uuid))::int AS total`;
    return { total: counted?.total ?? 0, items };
  }

  /** Closes the run and announces it on the job-run topic, atomically; the event names who started the run. */
  async finish(run: JobRun, status: JobRunStatus, message?: string): Promise<JobRun> {
    return this.prisma.$transaction(async (tx) => {
      const finishedAt = new Date();
      const done = await tx.jobRun.update({
        where: { id: run.id },
        data: { status, finishedAt, durationMs: finishedAt.getTime() - run.startedAt.getTime(), message: message ?? null },
      });
      const counts = { scanned: done.scanned, due: done.due, emitted: done.emitted, skipped: done.skipped, failed: done.failed };
      const envelope = createEnvelope({
        type: EventTypes.jobRunFinished,
        source: '/subscriptions',
        subject: run.id,
        data: { runId: run.id, trigger: run.trigger as JobRunTrigger, status, counts, startedAt: run.startedAt.toISOString(), finishedAt: finishedAt.toISOString() },
        actor: { sub: run.actorSub, role: run.actorRole },
      });
      await appendToOutbox(tx, { topic: Topics.jobRun, envelope });
      return done;
    });
  }
}
