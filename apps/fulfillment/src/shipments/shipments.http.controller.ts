import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import { orderHoldsHttpError } from '../order-holds/order-holds.errors';
import { rentalHttpError } from '../rental/rental.errors';
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
  @Roles('ops')
  @ApiNotFoundResponse({ description: 'fulfillment has never seen the order (no reservation, no backorder)' })
  @ApiConflictResponse({ description: 'the order is on hold (the message and `holds` name them), backordered, its reservation was released, or it has shipped already' })
  async create(@Body() request: CreateShipmentRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return toShipmentResponse(await mapErrors(() => this.commands.create(request, actor, correlationId)));
  }

  /**
   * One status machine for parcels (shipped, delivered) and rental deliveries
   * (ShareFox's statuses). Repeating the current status answers 200 and publishes nothing.
   */
  @Patch(':id')
  @Roles('ops')
  @ApiConflictResponse({ description: 'the status cannot follow the current one (the message names the allowed next statuses), or a delivery not yet sent belongs to an order on hold' })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: UpdateShipmentRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId?: string,
  ) {
    return toShipmentResponse(await mapErrors(() => this.commands.changeStatus(id, request, actor, correlationId)));
  }

  /** A customer lists only their own shipments. */
  @Get()
  @Roles('customer', 'csr', 'ops')
  list(@Query() query: ListShipmentsQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  @Get(':id')
  @Roles('customer', 'csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such shipment (or not yours)' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return this.queries.get(id, actor);
  }

  /** Every status the shipment took, oldest first, with who set it. */
  @Get(':id/history')
  @Roles('customer', 'csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such shipment (or not yours)' })
  history(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return this.queries.history(id, actor);
  }
}

/** Domain errors of the shipment commands (holds, the rental rules) to HTTP; anything else passes unchanged. */
async function mapErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw rentalHttpError(orderHoldsHttpError(error));
  }
}
