import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiAcceptedResponse, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { notFound, paginate, PageQuery } from '@oms/service-runtime';
import type { Response } from 'express';
import type { JobRun } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { ListJobRunsQuery, StartRunQuery } from './job-runs.query';
import { SUBSCRIPTION_ORDER_JOB } from './job-run.types';
import { JobRunsService } from './job-runs.service';
import { SubscriptionOrderJob } from './subscription-order.job';

/** IOM's "Background jobs" page as an API: runs, their records, a manual run and a re-run. */
@ApiTags('job log')
@Roles('ops')
@Controller('jobs/subscription-orders/runs')
export class JobRunsHttpController {
  constructor(
    private readonly job: SubscriptionOrderJob,
    private readonly runs: JobRunsService,
    private readonly prisma: PrismaService,
  ) {}

  @Post()
  @ApiAcceptedResponse({ description: 'the run started; poll GET /jobs/subscription-orders/runs/{runId}. With ?wait=true: 201 with the finished run' })
  start(@Query() query: StartRunQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    return this.startRun(res, actor, query.wait ?? false);
  }

  @Post(':id/rerun')
  @ApiConflictResponse({ description: 'only a failed or partially failed run can be re-run, and only while no re-run of it is running or has succeeded' })
  rerun(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: StartRunQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    return this.startRun(res, actor, query.wait ?? false, id);
  }

  @Get()
  async list(@Query() query: ListJobRunsQuery) {
    const where = { job: SUBSCRIPTION_ORDER_JOB, ...(query.status && { status: query.status }) };
    const page = await paginate(query, {
      rows: (window) => this.prisma.jobRun.findMany({ where, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], ...window }),
      count: () => this.prisma.jobRun.count({ where }),
    }, (run) => run);
    const reruns = await this.runs.rerunsOf(page.items.map((run) => run.id));
    return { ...page, items: page.items.map((run) => toRunResponse(run, reruns.get(run.id))) };
  }

  /** One run with the subscriptions and cycles it handled, and the error of each failed record. */
  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Query() page: PageQuery) {
    const run = await this.prisma.jobRun.findUnique({ where: { id } });
    if (!run) throw notFound('job run', id);
    const { items: records, total } = await this.runs.records(id, page);
    const reruns = await this.runs.rerunsOf([id]);
    const payments = await this.runs.paymentsOf(records);
    return {
      ...toRunResponse(run, reruns.get(id)),
      records: {
        total, limit: page.limit, offset: page.offset,
        items: records.map((r) => ({ subscriptionId: r.subscriptionId, cycleIndex: r.cycleIndex, outcome: r.outcome, detail: r.detail, payment: payments.get(`${r.subscriptionId}:${r.cycleIndex}`) ?? null })),
      },
    };
  }

  private async startRun(res: Response, actor: Actor, wait: boolean, rerunOf?: string) {
    const { run, done } = await this.job.start(rerunOf ? 'rerun' : 'manual', actor, rerunOf);
    if (wait) return toRunResponse(await done);
    res.status(202);
    return toRunResponse(run);
  }
}

/** `rerunBy`: the newest re-run of this run, if any (what a failed run's log entry links to). */
function toRunResponse(run: JobRun, rerunBy?: string) {
  return {
    runId: run.id, job: run.job, trigger: run.trigger, status: run.status, rerunOf: run.rerunOf, rerunBy: rerunBy ?? null, asOf: run.asOf.toISOString(),
    counts: { scanned: run.scanned, due: run.due, emitted: run.emitted, skipped: run.skipped, failed: run.failed },
    startedBy: { sub: run.actorSub, role: run.actorRole },
    message: run.message, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null, durationMs: run.durationMs,
  };
}
