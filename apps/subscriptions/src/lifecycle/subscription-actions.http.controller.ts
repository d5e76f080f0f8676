import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query, UseFilters } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CLOCK, CorrelationId, fieldRejected, PageQuery, type Clock } from '@oms/service-runtime';
import { ScheduleQuery } from '../subscriptions/dto/schedule.query';
import { toSubscriptionResponse } from '../subscriptions/subscription.mapper';
import { CycleNumberPipe } from './cycle-number.pipe';
import { cancelAction, reactivateAction } from './cancel-subscription.action';
import { ChangeSubscriptionActions } from './change-subscription.action';
import { rescheduleAction, skipAction, unskipAction } from './cycle-override.actions';
import { ChangeSubscriptionRequest } from './dto/change-subscription.request';
import { CancelRequest, PauseRequest, RescheduleCycleRequest, ResumeRequest, SkipCycleRequest } from './dto/lifecycle.requests';
import { LifecycleErrorsFilter } from './lifecycle-errors.filter';
import { pauseAction, resumeAction } from './pause-subscription.action';
import { SubscriptionActionRunner, type SubscriptionAction } from './subscription-action.runner';
import { SubscriptionLifecycleQueries } from './subscription-lifecycle.queries';

const Id = () => Param('id', new ParseUUIDPipe());
/** Cycle numbers from 0 up to the largest maxCycles a subscription may have. */
const Cycle = () => Param('n', new ParseIntPipe({ exceptionFactory: () => fieldRejected('n', 'n must be a cycle number (an integer from 0)') }), new CycleNumberPipe());

/**
 * Actions on a subscription; each answers with the updated subscription. A state that does not fit answers 409 naming it.
 * Changes are for the customer (their own), the channel that created it (a shop's "My orders" page acts through its
 * backend) and customer service; operations only read the history and upcoming orders (the role table).
 */
@ApiTags('subscriptions')
@Controller('subscriptions')
@UseFilters(LifecycleErrorsFilter)
@ApiNotFoundResponse({ description: 'no such subscription (or not yours)' })
@ApiConflictResponse({ description: 'the action does not fit the state, which the answer names' })
@ApiUnprocessableEntityResponse({ description: 'a field breaks a rule; the answer names it' })
export class SubscriptionActionsHttpController {
  constructor(
    private readonly runner: SubscriptionActionRunner,
    private readonly changes: ChangeSubscriptionActions,
    private readonly queries: SubscriptionLifecycleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async run(id: string, actor: Actor, action: SubscriptionAction, correlationId?: string) {
    return toSubscriptionResponse(await this.runner.run(id, actor, action, correlationId), this.clock.now());
  }

  @Roles('customer', 'channel', 'csr')
  @Post(':id/pause')
  @HttpCode(200)
  pause(@Id() id: string, @Body() body: PauseRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, pauseAction(body), correlationId);
  }

  @Roles('customer', 'channel', 'csr')
  @Post(':id/resume')
  @HttpCode(200)
  resume(@Id() id: string, @Body() body: ResumeRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, resumeAction(body), correlationId);
  }

  @Roles('customer', 'channel', 'csr')
  @Post(':id/cycles/:n/skip')
  @HttpCode(200)
  skip(@Id() id: string, @Cycle() n: number, @Body() body: SkipCycleRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, skipAction(n, body.lineIds, body.reason), correlationId);
  }

  @Roles('customer', 'channel', 'csr')
  @Delete(':id/cycles/:n/skip')
  unskip(@Id() id: string, @Cycle() n: number, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, unskipAction(n), correlationId);
  }

  @Roles('customer', 'channel', 'csr')
  @Post(':id/cycles/:n/reschedule')
  @HttpCode(200)
  reschedule(@Id() id: string, @Cycle() n: number, @Body() body: RescheduleCycleRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, rescheduleAction(n, body.dueOn, body.reason), correlationId);
  }

  @Roles('customer', 'channel', 'csr')
  @Patch(':id')
  change(@Id() id: string, @Body() body: ChangeSubscriptionRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, this.changes.change(body), correlationId);
  }

  @Roles('customer', 'channel', 'csr')
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Id() id: string, @Body() body: CancelRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, cancelAction(body.when, body.reason), correlationId);
  }

  @Roles('customer', 'channel', 'csr')
  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@Id() id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.run(id, actor, reactivateAction(), correlationId);
  }

  @Roles('customer', 'channel', 'csr', 'ops')
  @Get(':id/history')
  history(@Id() id: string, @Query() page: PageQuery, @CurrentActor() actor: Actor) {
    return this.queries.history(id, actor, page);
  }

  @Roles('customer', 'channel', 'csr', 'ops')
  @Get(':id/upcoming')
  upcoming(@Id() id: string, @Query() query: ScheduleQuery, @CurrentActor() actor: Actor) {
    return this.queries.upcoming(id, actor, query.next);
  }
}
