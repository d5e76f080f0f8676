import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { Roles } from '@oms/auth';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import { AssumedReturnDateRequest, SwapRequest } from './rental-requests.dto';
import { mapRentalRequestErrors } from './rental-requests.errors';
import { RentalRequestsService } from './rental-requests.service';

@ApiTags('rental')
@Controller('subscriptions/:id')
export class RentalRequestsHttpController {
  constructor(private readonly requests: RentalRequestsService) {}

  /** Swap In Ready on the current delivery, Swap Out Request on a new one with a newly reserved unit. */
  @Post('swap-requests')
  @Roles('csr')
  @ApiConflictResponse({ description: 'not a rental, ending, or no unit of the product is free' })
  @ApiUnprocessableEntityResponse({ description: 'unknown line, or not an active rental product with a price in the currency' })
  swap(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SwapRequest, @CorrelationId() correlationId?: string) {
    return mapRentalRequestErrors(() => this.requests.swap(id, body.lineId, body.productId, correlationId));
  }

  /** Subscription End Request on the delivery; a repeated request answers the subscription unchanged. */
  @Post('end-request')
  @Roles('csr')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'not a rental, or no longer active' })
  endRequest(@Param('id', new ParseUUIDPipe()) id: string, @CorrelationId() correlationId?: string) {
    return mapRentalRequestErrors(() => this.requests.endRequest(id, correlationId));
  }

  @Put('assumed-return-date')
  @Roles('csr', 'ops')
  @ApiConflictResponse({ description: 'not a rental, or no longer active' })
  assumedReturnDate(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AssumedReturnDateRequest) {
    return mapRentalRequestErrors(() => this.requests.setAssumedReturnDate(id, body.assumedReturnDate));
  }
}
