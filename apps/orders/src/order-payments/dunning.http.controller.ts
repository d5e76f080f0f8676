import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@oms/auth';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional } from 'class-validator';
import { DunningQueries } from './dunning.queries';
import { DunningRunner } from './dunning.runner';

const CASE_STATUSES = ['open', 'recovered', 'exhausted', 'closed'] as const;

export class ListDunningQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: (typeof CASE_STATUSES)[number];
}

@ApiTags('payments')
@Controller('payments/dunning')
export class DunningHttpController {
  constructor(
    private readonly runner: DunningRunner,
    private readonly queries: DunningQueries,
  ) {}

  /** Subscription cycles whose payment failed: the ladder, failed attempts, next retry and how each attempt went. */
  @Get()
  @Roles('csr', 'ops')
  list(@Query() query: ListDunningQuery) {
    return this.queries.list(query);
  }

  /** Completes authorizations left pending, then runs every retry due now (the loop does so every DUNNING_INTERVAL_MS): what each did. */
  @Post('run')
  @Roles('ops')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ at, retried, outcomes: [{ orderId, result }], pendingAuthorizations: [{ orderId, result }], captures: [{ orderId, result }] } (authorizations and captures a crash left undone, completed first)' })
  run() {
    return this.runner.runDue();
  }
}
