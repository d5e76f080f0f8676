import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { type Actor, assertActsFor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import type { Response } from 'express';
import { ListOrdersQuery } from './dto/list-orders.query';
import { CancelOrderRequest, HoldOrderRequest } from './dto/order-action.requests';
import { PlaceOrderRequest } from './dto/place-order.request';
import { PlaceOrderService } from './intake/place-order.service';
import { OrderCommandsService } from './order-commands.service';
import { OrderQueriesService } from './order-queries.service';

const ILLEGAL = 'the order is in a status this change cannot start from (e.g. "cannot ship an order that is backordered")';

@ApiTags('orders')
@Controller('orders')
export class OrdersHttpController {
  constructor(
    private readonly placer: PlaceOrderService,
    private readonly commands: OrderCommandsService,
    private readonly queries: OrderQueriesService,
  ) {}

  /** 201 when created; 200 with the existing order when (channel, externalRef) was seen before. */
  @Post()
  @Roles('customer', 'channel', 'csr')
  @ApiUnprocessableEntityResponse({ description: 'a line names a product that is unknown, retired or has no price in the currency' })
  async place(
    @Body() request: PlaceOrderRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined, @Res({ passthrough: true }) res: Response,
  ) {
    assertActsFor(actor, request.customerId);
    const { order, created } = await this.placer.place(request, actor, correlationId);
    res.status(created ? 201 : 200);
    return this.queries.get(order.id);
  }

  @Get()
  @Roles('csr', 'ops')
  list(@Query() query: ListOrdersQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  @Roles('csr', 'ops')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.queries.get(id);
  }

  @Post(':id/hold')
  @Roles('csr')
  @HttpCode(200)
  @ApiOkResponse({ description: 'the order, on hold' })
  @ApiConflictResponse({ description: ILLEGAL })
  async hold(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: HoldOrderRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.hold(id, body.reason, actor, correlationId);
    return this.queries.get(id);
  }

  @Post(':id/release-hold')
  @Roles('csr')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'the order is not on hold, or a line still has no price' })
  async releaseHold(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.releaseHold(id, actor, correlationId);
    return this.queries.get(id);
  }

  @Post(':id/cancel')
  @Roles('csr')
  @HttpCode(200)
  @ApiConflictResponse({ description: ILLEGAL })
  async cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CancelOrderRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.cancel(id, body.reason, actor, correlationId);
    return this.queries.get(id);
  }

  @Post(':id/close')
  @Roles('ops')
  @HttpCode(200)
  @ApiConflictResponse({ description: ILLEGAL })
  async close(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.close(id, actor, correlationId);
    return this.queries.get(id);
  }
}
