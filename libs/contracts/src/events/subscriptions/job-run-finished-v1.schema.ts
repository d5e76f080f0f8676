import { IsIn } from 'class-validator';
import { IsIntAtLeast, IsIsoDate, IsNonEmptyString, NestedObject } from '../../validation/contract.decorators';

/** What started a due-order job run. */
export const JOB_RUN_TRIGGERS = ['schedule', 'manual', 'rerun'] as const;
/** One of {@link JOB_RUN_TRIGGERS}. */
export type JobRunTrigger = (typeof JOB_RUN_TRIGGERS)[number];

/** How a job run ended; `disabled` means the job was switched off and did nothing. */
export const JOB_RUN_STATUSES = ['succeeded', 'failed', 'partially-failed', 'disabled'] as const;
/** One of {@link JOB_RUN_STATUSES}. */
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

/** Per-run counters, so operators can see at a glance what a run did. */
export class JobRunCountsV1 {
  @IsIntAtLeast(0)
  scanned: number;

  @IsIntAtLeast(0)
  due: number;

  @IsIntAtLeast(0)
  emitted: number;

  @IsIntAtLeast(0)
  skipped: number;

  @IsIntAtLeast(0)
  failed: number;
}

/** Payload of `subscriptions.job-run.finished.v1`. */
export class JobRunFinishedV1 {
  @IsNonEmptyString()
  runId: string;

  @IsIn(JOB_RUN_TRIGGERS)
  trigger: JobRunTrigger;

  @IsIn(JOB_RUN_STATUSES)
  status: JobRunStatus;

  @NestedObject(JobRunCountsV1)
  counts: JobRunCountsV1;

  @IsIsoDate()
  startedAt: string;

  @IsIsoDate()
  finishedAt: string;
}
