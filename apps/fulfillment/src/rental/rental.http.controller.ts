import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import { AddRentalUnitRequest } from './dto/add-rental-unit.request';
import { ListRentalHoldsQuery } from './dto/list-rental-holds.query';
import { ListRentalUnitsQuery, RentalUnitSummaryQuery } from './dto/list-rental-units.query';
import { ReallocateHoldRequest } from './dto/reallocate-hold.request';
import { mapRentalErrors } from './rental.errors';
import { RentalHoldsService } from './rental-holds.service';
import { RentalUnitsService } from './rental-units.service';

/** Rental units (one per serial) and their long-term reservations (holds). */
@ApiTags('rental')
@Controller()
export class RentalHttpController {
  constructor(
    private readonly units: RentalUnitsService,
    private readonly holds: RentalHoldsService,
  ) {}

  @Post('rental-units')
  @Roles('ops')
  @ApiConflictResponse({ description: 'a unit with this serial exists' })
  add(@Body() request: AddRentalUnitRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalErrors(() => this.units.add(request, actor, correlationId));
  }

  @Get('rental-units')
  @Roles('ops')
  list(@Query() query: ListRentalUnitsQuery) {
    return this.units.list(query);
  }

  /** Units per state, zeros included: `{ total, states: { available, reserved, ... } }`. */
  @Get('rental-units/summary')
  @Roles('ops')
  summary(@Query() query: RentalUnitSummaryQuery) {
    return this.units.summary(query.sku);
  }

  @Get('rental-units/:id')
  @Roles('ops')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return mapRentalErrors(() => this.units.get(id));
  }

  /** Out of service for good (unavailable, reason retired). */
  @Post('rental-units/:id/retire')
  @Roles('ops')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'the unit is rented out or already retired' })
  retire(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalErrors(() => this.units.move(id, 'retire', actor, correlationId));
  }

  /** Sent to repair (unavailable, reason repair). */
  @Post('rental-units/:id/repair')
  @Roles('ops')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'the unit is rented out or retired' })
  repair(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalErrors(() => this.units.move(id, 'repair', actor, correlationId));
  }

  /** Back from repair (or found fine after damage): available again. */
  @Post('rental-units/:id/repaired')
  @Roles('ops')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'the unit is not unavailable, or is retired' })
  repaired(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalErrors(() => this.units.move(id, 'repaired', actor, correlationId));
  }

  @Get('rental-holds')
  @Roles('csr', 'ops')
  listHolds(@Query() query: ListRentalHoldsQuery) {
    return this.holds.list(query);
  }

  /** A store manager allocates a specific unit to a hold whose delivery has not left. */
  @Put('rental-holds/:id/unit')
  @Roles('ops')
  @ApiConflictResponse({ description: 'the delivery has left, or the unit is not available or of another SKU' })
  reallocate(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: ReallocateHoldRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalErrors(() => this.holds.reallocate(id, request.serial, actor, correlationId));
  }
}
