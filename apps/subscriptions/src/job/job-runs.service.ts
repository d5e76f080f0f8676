import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics, type JobRunStatus, type JobRunTrigger } from '@oms/contracts';
import { appendToOutbox } from '@oms/outbox';
import type { JobRun } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { SUBSCRIPTION_ORDER_JOB, type RunCounts } from './job-run.types';

/** The job log: one row per run, updated per batch so a long run shows progress. */
@Injectable()
export class JobRunsService {
  constructor(private readonly prisma: PrismaService) {}

  begin(trigger: JobRunTrigger, asOf: Date, rerunOf?: string): Promise<JobRun> {
    return this.prisma.jobRun.create({
      data: { id: randomUUID(), job: SUBSCRIPTION_ORDER_JOB, trigger, status: 'running', asOf, rerunOf: rerunOf ?? null, startedAt: new Date() },
    });
  }

  async progress(runId: string, delta: RunCounts): Promise<void> {
    await this.prisma.jobRun.update({
      where: { id: runId },
      data: {
        scanned: { increment: delta.scanned }, due: { increment: delta.due }, emitted: { increment: delta.emitted },
        skipped: { increment: delta.skipped }, failed: { increment: delta.failed },
      },
    });
  }

  /** Closes the run and announces it on the job-run topic, atomically. */
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
      });
      await appendToOutbox(tx, { topic: Topics.jobRun, envelope });
      return done;
    });
  }
}
