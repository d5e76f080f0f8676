import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import { CreateShipmentRequest } from './dto/create-shipment.request';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { UpdateShipmentRequest } from './dto/update-shipment.request';
import { toShipmentResponse } from './shipment.mapper';
import { ShipmentCommandsService } from './shipment-commands.service';
import { ShipmentQueriesService } from './shipment-queries.service';

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsHttpController {
  constructor(
    private readonly commands: ShipmentCommandsService,
    private readonly queries: ShipmentQueriesService,
  ) {}

  @Post()
  @ApiNotFoundResponse({ description: 'fulfillment has never seen the order (no reservation, no backorder)' })
  @ApiConflictResponse({ description: 'the order is backordered, its reservation was released, or it has shipped already' })
  async create(@Body() request: CreateShipmentRequest, @CorrelationId() correlationId?: string) {
    return toShipmentResponse(await this.commands.create(request, correlationId));
  }

  /** Repeating the current status answers 200 and publishes nothing. */
  @Patch(':id')
  @ApiConflictResponse({ description: 'the status cannot follow the current one' })
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: UpdateShipmentRequest, @CorrelationId() correlationId?: string) {
    return toShipmentResponse(await this.commands.changeStatus(id, request, correlationId));
  }

  @Get()
  list(@Query() query: ListShipmentsQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.queries.get(id);
  }
}
