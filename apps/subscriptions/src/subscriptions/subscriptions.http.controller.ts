import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { type Actor, assertActsFor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CorrelationId, PageQuery } from '@oms/service-runtime';
import type { Response } from 'express';
import { CreateSubscriptionRequest } from './dto/create-subscription.request';
import { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { ScheduleQuery } from './dto/schedule.query';
import { CreateSubscriptionService } from './create-subscription.service';
import { toSubscriptionResponse } from './subscription.mapper';
import { SubscriptionQueriesService } from './subscription-queries.service';

@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsHttpController {
  constructor(
    private readonly creator: CreateSubscriptionService,
    private readonly queries: SubscriptionQueriesService,
  ) {}

  /** 201 when created; 200 with the existing subscription when (channel, externalRef) was seen before. */
  @Post()
  @Roles('customer', 'channel', 'csr')
  @ApiConflictResponse({ description: 'subscription orders are turned off' })
  @ApiUnprocessableEntityResponse({ description: 'a line names a product that is unknown, retired, not subscribable or does not allow the frequency' })
  async create(
    @Body() request: CreateSubscriptionRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined, @Res({ passthrough: true }) res: Response,
  ) {
    assertActsFor(actor, request.customerId);
    const { subscription, created } = await this.creator.create(request, actor, correlationId);
    res.status(created ? 201 : 200);
    return toSubscriptionResponse(subscription, subscription.createdAt);
  }

  /** A customer lists only their own subscriptions, a channel those it created. */
  @Get()
  @Roles('customer', 'channel', 'csr', 'ops')
  list(@Query() query: ListSubscriptionsQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  @Get(':id')
  @Roles('customer', 'channel', 'csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such subscription (or not yours)' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return this.queries.get(id, actor);
  }

  @Get(':id/schedule')
  @Roles('customer', 'channel', 'csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such subscription (or not yours)' })
  schedule(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: ScheduleQuery, @CurrentActor() actor: Actor) {
    return this.queries.upcoming(id, actor, query.next);
  }

  @Get(':id/cycles')
  @Roles('customer', 'channel', 'csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such subscription (or not yours)' })
  cycles(@Param('id', new ParseUUIDPipe()) id: string, @Query() page: PageQuery, @CurrentActor() actor: Actor) {
    return this.queries.handledCycles(id, actor, page);
  }
}
