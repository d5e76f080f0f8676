import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Actor, assertActsFor, CurrentActor, Roles } from '@oms/auth';
import { PrismaService } from '../database/prisma.service';
import { PlaceOrderRequest } from '../orders/dto/place-order.request';
import { OrderPricer } from './order-pricer.service';

@ApiTags('orders')
@Controller('orders')
export class QuoteHttpController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pricer: OrderPricer,
  ) {}

  /**
   * The price details before submitting (AX's "price details"): per line the
   * list price, discounts, overrides, unit and line net price, cost, margin
   * and a margin alert under the configured threshold; the order's charges and
   * totals. Nothing is written; POST /orders with the same body places the
   * order at exactly these prices.
   */
  @Post('quote')
  @Roles('customer', 'channel', 'csr')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'the quote: lines, charges (shipping, handling), overrides and totals in minor units. Tax is not included and not shown yet: it arrives with the payments issue, so totals.totalMinor is lines plus charges',
  })
  @ApiForbiddenResponse({ description: "an override goes beyond the caller's role limit (errors name the line or charge and the limit)" })
  @ApiUnprocessableEntityResponse({ description: 'an unknown, retired or unpriced product, an unknown/expired/wrong-channel source code, or a reason code not on the list' })
  quote(@Body() request: PlaceOrderRequest, @CurrentActor() actor: Actor) {
    assertActsFor(actor, request.customerId);
    return this.pricer.price(this.prisma, request, actor, 'quote');
  }
}
