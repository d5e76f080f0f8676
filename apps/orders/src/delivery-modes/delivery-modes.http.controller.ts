import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { CreateDeliveryModeRequest, UpdateDeliveryModeRequest } from './delivery-mode.requests';
import { DeliveryModesService } from './delivery-modes.service';

/** Delivery modes and their promised ship times: customer service and operations read them, admin changes them. */
@ApiTags('delivery-modes')
@Controller('delivery-modes')
export class DeliveryModesHttpController {
  constructor(private readonly modes: DeliveryModesService) {}

  /** Every mode, inactive ones included, quickest first. */
  @Get()
  @Roles('csr', 'ops')
  list() {
    return this.modes.list();
  }

  @Post()
  @Roles('admin')
  @ApiConflictResponse({ description: 'a mode with this code exists already' })
  create(@Body() body: CreateDeliveryModeRequest, @CurrentActor() actor: Actor) {
    return this.modes.create(body, actor);
  }

  /** Applies to orders created from now on; orders already placed keep their promisedShipBy. */
  @Patch(':code')
  @Roles('admin')
  @ApiNotFoundResponse({ description: 'no such delivery mode' })
  @ApiConflictResponse({ description: 'standard cannot be deactivated' })
  update(@Param('code') code: string, @Body() body: UpdateDeliveryModeRequest, @CurrentActor() actor: Actor) {
    return this.modes.update(code, body, actor);
  }
}
