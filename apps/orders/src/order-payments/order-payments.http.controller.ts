import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { CorrelationId } from '@oms/service-runtime';
import { OrderPaymentsService } from './order-payments.service';
import { RefundRequest } from './refund.request';

@ApiTags('payments')
@Controller('orders/:id')
export class OrderPaymentsHttpController {
  constructor(private readonly payments: OrderPaymentsService) {}

  /** Authorized (still open), captured, refunded and the balance still to pay, with every payment row (type, amount, status, provider reference, actor). */
  @Get('payments')
  @Roles('customer', 'channel', 'csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such order (or not yours)' })
  view(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return this.payments.view(id, actor);
  }

  /** Tries the authorization again with the customer's current card; on success the payment hold clears and the order goes to fulfillment. */
  @Post('payments/authorize')
  @Roles('customer', 'csr')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ result: authorized | declined | exhausted, ...the payments view }' })
  @ApiConflictResponse({ description: 'the order is not held for payment' })
  @ApiUnprocessableEntityResponse({ description: 'the customer has no stored card' })
  authorize(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    return this.payments.authorize(id, actor, { correlationId, actor });
  }

  /** Refunds part or all of what was captured; a csr up to the refund limit (settings), admin above. */
  @Post('refunds')
  @Roles('csr')
  @HttpCode(201)
  @ApiOkResponse({ description: 'the payments view after the refund' })
  @ApiForbiddenResponse({ description: 'a csr above the refund limit' })
  @ApiConflictResponse({ description: 'nothing captured yet' })
  @ApiUnprocessableEntityResponse({ description: 'more than is left to refund (names amountMinor)' })
  refund(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RefundRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    return this.payments.refund(id, body.amountMinor, body.reason, actor, { correlationId, actor });
  }
}
