import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Actor, assertActsFor, CurrentActor, Roles } from '@oms/auth';
import { CorrelationId, notFound } from '@oms/service-runtime';
import { AddPaymentMethodRequest } from '../payments/methods/payment-method.request';
import { PaymentMethodsService, toPaymentMethodResponse } from '../payments/methods/payment-methods.service';
import { OrderPaymentsService } from './order-payments.service';

/** A customer's stored cards: provider token, brand, last four digits, expiry. The newest pays their orders. */
@ApiTags('payments')
@Controller('customers/:customerId/payment-methods')
export class PaymentMethodsHttpController {
  constructor(
    private readonly methods: PaymentMethodsService,
    private readonly payments: OrderPaymentsService,
  ) {}

  /** Stores a card and at once retries every order of the customer held for payment (subscription cycles in dunning included). */
  @Post()
  @Roles('customer', 'channel', 'csr')
  @ApiCreatedResponse({ description: 'the stored card, and each held order retried with it: { paymentMethod, retriedOrders: [{ orderId, result }] }' })
  @ApiUnprocessableEntityResponse({ description: 'the card has expired (names expiryYear or expiryMonth)' })
  async add(
    @Param('customerId') customerId: string, @Body() body: AddPaymentMethodRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined,
  ) {
    assertActsFor(actor, customerId);
    const method = await this.methods.add(customerId, body, actor);
    const retriedOrders = await this.payments.retryHeldOrders(customerId, { correlationId, actor });
    return { paymentMethod: toPaymentMethodResponse(method), retriedOrders };
  }

  /** The customer's active cards, newest (the one that pays) first; a customer sees only their own (another's list is empty). */
  @Get()
  @Roles('customer', 'channel', 'csr', 'ops')
  @ApiOkResponse({ description: 'the cards, newest first' })
  async list(@Param('customerId') customerId: string, @CurrentActor() actor: Actor) {
    if (!ownOrStaff(actor, customerId)) return [];
    return (await this.methods.list(customerId)).map(toPaymentMethodResponse);
  }

  /** Takes a card out of use; its past payments keep naming it. */
  @Delete(':paymentMethodId')
  @Roles('customer', 'channel', 'csr')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: 'no such card of this customer' })
  async remove(@Param('customerId') customerId: string, @Param('paymentMethodId', new ParseUUIDPipe()) paymentMethodId: string, @CurrentActor() actor: Actor) {
    if (!ownOrStaff(actor, customerId)) throw notFound('payment method', paymentMethodId);
    await this.methods.remove(customerId, paymentMethodId);
  }
}

/** Another customer's cards are not there for a customer (404 / empty), as for every per-customer record. */
function ownOrStaff(actor: Actor, customerId: string): boolean {
  return actor.role !== 'customer' || actor.sub === customerId;
}
