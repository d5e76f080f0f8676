import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import { AdjustStockRequest } from './dto/adjust-stock.request';
import { ListStockQuery } from './dto/list-stock.query';
import { SetStockRequest } from './dto/set-stock.request';
import { StockParams } from './dto/stock.params';
import { StockCommandsService } from './stock-commands.service';
import { StockQueriesService } from './stock-queries.service';

@ApiTags('stock')
@Controller()
export class StockHttpController {
  constructor(
    private readonly commands: StockCommandsService,
    private readonly queries: StockQueriesService,
  ) {}

  /** A stock count: sets on hand; creates the row for a SKU new to the warehouse. */
  @Put('warehouses/:code/stock/:sku')
  @Roles('ops')
  @ApiConflictResponse({ description: 'on hand would drop below the units reserved' })
  set(@Param() params: StockParams, @Body() request: SetStockRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.commands.set(params.code, params.sku, request.onHand, { actor, correlationId });
  }

  /** A receipt or correction, recorded as a stock movement with its reason. */
  @Post('warehouses/:code/stock/:sku/adjustments')
  @Roles('ops')
  @ApiConflictResponse({ description: 'on hand would drop below the units reserved' })
  @ApiUnprocessableEntityResponse({ description: 'on hand would become negative' })
  adjust(@Param() params: StockParams, @Body() request: AdjustStockRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return this.commands.adjust(params.code, params.sku, request.delta, request.reason, { actor, correlationId });
  }

  @Get('stock')
  @Roles('ops')
  list(@Query() query: ListStockQuery) {
    return this.queries.list(query);
  }
}
