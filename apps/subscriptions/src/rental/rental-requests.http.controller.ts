import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import { AssumedReturnDateRequest, SwapRequest } from './rental-requests.dto';
import { mapRentalRequestErrors } from './rental-requests.errors';
import { RentalRequestsService } from './rental-requests.service';

@ApiTags('rental')
@Controller('subscriptions/:id')
export class RentalRequestsHttpController {
  constructor(private readonly requests: RentalRequestsService) {}

  /** Swap In Ready on the current delivery, Swap Out Request on a new one with a newly reserved unit. A customer asks for their own. */
  @Post('swap-requests')
  @Roles('customer', 'channel', 'csr')
  @ApiNotFoundResponse({ description: 'no such subscription (or not yours)' })
  @ApiConflictResponse({ description: 'not a rental, ending, or no unit of the product is free' })
  @ApiUnprocessableEntityResponse({ description: 'unknown line, or not an active rental product with a price in the currency' })
  swap(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SwapRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalRequestErrors(() => this.requests.swap(id, actor, body.lineId, body.productId, correlationId));
  }

  /** Subscription End Request on the delivery; a repeated request answers the subscription unchanged. A customer asks for their own. */
  @Post('end-request')
  @Roles('customer', 'channel', 'csr')
  @ApiNotFoundResponse({ description: 'no such subscription (or not yours)' })
  @HttpCode(200)
  @ApiConflictResponse({ description: 'not a rental, or no longer active' })
  endRequest(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalRequestErrors(() => this.requests.endRequest(id, actor, correlationId));
  }

  @Put('assumed-return-date')
  @Roles('csr', 'ops')
  @ApiConflictResponse({ description: 'not a rental, or no longer active' })
  assumedReturnDate(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AssumedReturnDateRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return mapRentalRequestErrors(() => this.requests.setAssumedReturnDate(id, body.assumedReturnDate, actor, correlationId));
  }
}
