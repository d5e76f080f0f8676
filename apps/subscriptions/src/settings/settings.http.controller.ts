import { Body, Controller, Get, Put } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { SettingsService } from './settings.service';

class SubscriptionOrdersSetting {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}

@ApiTags('settings')
@Controller('settings/subscription-orders')
export class SettingsHttpController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Roles('csr', 'ops')
  get() {
    return this.settings.subscriptionOrders();
  }

  @Put()
  @Roles('admin')
  set(@Body() body: SubscriptionOrdersSetting, @CurrentActor() actor: Actor) {
    return this.settings.setSubscriptionOrders(body.enabled, actor);
  }
}
