import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { CLOCK, type Clock } from '@oms/service-runtime';
import { PaymentSettingsRequest } from './payment-settings.request';
import { PaymentSettingsService } from './payment-settings.service';

@ApiTags('settings')
@Controller('settings/payments')
export class PaymentSettingsHttpController {
  constructor(
    private readonly settings: PaymentSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Channels that need a card, the csr refund limit, the dunning ladder and its final action. */
  @Get()
  @Roles('csr', 'ops')
  get() {
    return this.settings.get();
  }

  /** Any subset of the settings; the answer is all of them. Logged with who set them. */
  @Put()
  @Roles('admin')
  set(@Body() body: PaymentSettingsRequest, @CurrentActor() actor: Actor) {
    return this.settings.set(body, actor, this.clock.now());
  }

  /** Every change, newest first: the values set, by whom and when. */
  @Get('changes')
  @Roles('admin')
  @ApiOkResponse({ description: 'the change log' })
  changes() {
    return this.settings.changes();
  }
}
