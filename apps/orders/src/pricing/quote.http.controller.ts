import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Actor, assertActsFor, CurrentActor, Roles } from '@oms/auth';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { PlaceOrderRequest } from '../orders/dto/place-order.request';
import { OrderTaxService } from '../tax/order-tax.service';
import { quoteLinesToTax, withTax } from '../tax/quote-tax';
import { OrderPricer } from './order-pricer.service';

@ApiTags('orders')
@Controller('orders')
export class QuoteHttpController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pricer: OrderPricer,
    private readonly tax: OrderTaxService,
    @Inject(CLOCK) private readonly clock: Clock,
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
    description: "the quote: lines (each with its taxCode, taxRatePercent and taxMinor), charges (shipping, handling), overrides and totals in minor units: subtotalMinor, discountMinor, chargesMinor, taxMinor (from the shipTo's region, today's rates), totalMinor, pricesIncludeTax and taxStatus, as POST /orders would place it",
  })
  @ApiForbiddenResponse({ description: "an override goes beyond the caller's role limit (errors name the line or charge and the limit)" })
  @ApiUnprocessableEntityResponse({ description: 'an unknown, retired or unpriced product, an unknown/expired/wrong-channel source code, or a reason code not on the list' })
  async quote(@Body() request: PlaceOrderRequest, @CurrentActor() actor: Actor) {
    assertActsFor(actor, request.customerId);
    const priced = await this.pricer.price(this.prisma, request, actor, 'quote');
    const tax = await this.tax.taxLines(this.prisma, { currency: request.currency, shipTo: request.shipTo ?? null, at: this.clock.now(), lines: quoteLinesToTax(priced) });
    return withTax(priced, tax);
  }
}
