import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@oms/auth';
import { PageQuery } from '@oms/service-runtime';
import { FraudEvaluationsQueries } from './fraud-evaluations.queries';

/** The fraud rules' verdicts on one order (staff only: customers and channels never see which rules fired). */
@ApiTags('orders')
@Controller('orders')
export class FraudEvaluationsHttpController {
  constructor(private readonly evaluations: FraudEvaluationsQueries) {}

  /** Newest first: the score, the threshold in force, whether it held the order, and each rule that fired with what it saw. */
  @Get(':id/fraud-evaluations')
  @Roles('csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such order' })
  list(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: PageQuery) {
    return this.evaluations.ofOrder(id, query);
  }
}
