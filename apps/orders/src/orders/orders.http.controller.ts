import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { type Actor, assertActsFor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
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
    return this.queries.get(order.id, actor);
  }

  /** A customer lists only their own orders, a channel those it created (`?search=` included). */
  @Get()
  @Roles('customer', 'channel', 'csr', 'ops')
  list(@Query() query: ListOrdersQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  /** The order with its status history; another customer's order (for a channel: one it did not create) answers 404. */
  @Get(':id')
  @Roles('customer', 'channel', 'csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such order (or not yours)' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return this.queries.get(id, actor);
  }

  /** Places a manual hold (as POST /orders/{id}/holds with type manual). */
  @Post(':id/hold')
  @Roles('csr')
  @HttpCode(200)
  @ApiOkResponse({ description: 'the order, on hold' })
  @ApiConflictResponse({ description: ILLEGAL })
  async hold(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: HoldOrderRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.hold(id, { type: 'manual', code: 'manual', reason: body.reason }, actor, correlationId);
    return this.queries.get(id, actor);
  }

  /** Clears the open manual and pricing holds; a fraud, payment or credit hold is cleared only by id (POST /orders/{id}/holds/{holdId}/clear). */
  @Post(':id/release-hold')
  @Roles('csr')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'the order is not on hold, a line still has no price, or a fraud, payment or credit hold is open' })
  async releaseHold(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.releaseHold(id, actor, correlationId);
    return this.queries.get(id, actor);
  }

  /** A customer may cancel their own order (another's answers 404); customer service any. */
  @Post(':id/cancel')
  @Roles('customer', 'csr')
  @HttpCode(200)
  @ApiConflictResponse({ description: ILLEGAL })
  @ApiNotFoundResponse({ description: 'no such order (or not yours)' })
  async cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CancelOrderRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.queries.get(id, actor);
    await this.commands.cancel(id, body.reason, actor, correlationId);
    return this.queries.get(id, actor);
  }

  @Post(':id/close')
  @Roles('ops')
  @HttpCode(200)
  @ApiConflictResponse({ description: ILLEGAL })
  async close(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.close(id, actor, correlationId);
    return this.queries.get(id, actor);
  }
}
