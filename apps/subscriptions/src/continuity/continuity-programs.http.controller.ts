import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ANY_ROLE, assertActsFor, type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiNotFoundResponse, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CorrelationId, PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { toSubscriptionResponse } from '../subscriptions/subscription.mapper';
import { CreateContinuityProgramRequest, PROGRAM_STATUSES, type ProgramStatus, UpdateContinuityProgramRequest } from './continuity-program.requests';
import { ContinuityErrorsFilter } from './continuity-errors.filter';
import { ContinuityProgramsService } from './continuity-programs.service';
import { EnrolCustomerService } from './enrol-customer.service';
import { EnrolmentRequest } from './enrolment.request';

class ListProgramsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROGRAM_STATUSES })
  @IsOptional()
  @IsIn(PROGRAM_STATUSES)
  status?: ProgramStatus;
}

const Id = () => Param('id', new ParseUUIDPipe());

/** Continuity programs (Dynamics AX): admins define them, anyone signed in reads them, customers are enrolled in them. */
@ApiTags('continuity programs')
@Controller('continuity-programs')
@UseFilters(ContinuityErrorsFilter)
@ApiNotFoundResponse({ description: 'no such program' })
export class ContinuityProgramsHttpController {
  constructor(
    private readonly programs: ContinuityProgramsService,
    private readonly enrolments: EnrolCustomerService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiUnprocessableEntityResponse({ description: 'a step line names a product that is unknown, retired or a rental' })
  create(@Body() request: CreateContinuityProgramRequest, @CurrentActor() actor: Actor) {
    return this.programs.create(request, actor);
  }

  @Get()
  @Roles(...ANY_ROLE)
  list(@Query() query: ListProgramsQuery) {
    return this.programs.list(query);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@Id() id: string) {
    return this.programs.get(id);
  }

  /** A new version; subscriptions already enrolled keep the steps and prices they enrolled with. */
  @Patch(':id')
  @Roles('admin')
  @ApiUnprocessableEntityResponse({ description: 'nothing to change, or a step line names a product that is unknown, retired or a rental' })
  update(@Id() id: string, @Body() request: UpdateContinuityProgramRequest, @CurrentActor() actor: Actor) {
    return this.programs.update(id, request, actor);
  }

  /** Every create and change: who, when, the definition before and after. */
  @Get(':id/changes')
  @Roles('csr', 'ops')
  changes(@Id() id: string, @Query() page: PageQuery) {
    return this.programs.changes(id, page);
  }

  /** 201 with the new subscription; 200 with the existing one when (channel, externalRef) was seen before. */
  @Post(':id/enrolments')
  @Roles('customer', 'channel', 'csr')
  @ApiConflictResponse({ description: 'the program is retired, or subscription orders are turned off' })
  @ApiUnprocessableEntityResponse({ description: "a field breaks a rule, or a program's product is no longer active" })
  async enrol(
    @Id() id: string, @Body() request: EnrolmentRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    assertActsFor(actor, request.customerId);
    const { subscription, created } = await this.enrolments.enrol(id, request, actor, correlationId);
    res.status(created ? 201 : 200);
    return toSubscriptionResponse(subscription, subscription.createdAt);
  }
}
