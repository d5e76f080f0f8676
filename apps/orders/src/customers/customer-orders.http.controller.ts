import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { PageQuery } from '@oms/service-runtime';
import { OrderQueriesService } from '../orders/order-queries.service';

/** The customer view of the call-center desk: one customer's orders (their subscriptions and messages are in those services' lists). */
@ApiTags('customers')
@Controller('customers')
export class CustomerOrdersHttpController {
  constructor(private readonly queries: OrderQueriesService) {}

  /** Newest first, paginated; a customer sees only their own (another customer's list is empty), a channel only the orders it created. */
  @Get(':customerId/orders')
  @Roles('customer', 'channel', 'csr', 'ops')
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  list(@Param('customerId') customerId: string, @Query() query: PageQuery, @CurrentActor() actor: Actor) {
    return this.queries.customerOrders(customerId, query, actor);
  }
}
