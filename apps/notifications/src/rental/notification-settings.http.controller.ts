import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { NotificationSettingsRequest } from './notification-settings.request';
import { NotificationSettingsService } from './notification-settings.service';

@ApiTags('settings')
@Controller('settings/notifications')
export class NotificationSettingsHttpController {
  constructor(private readonly settings: NotificationSettingsService) {}

  /** The store manager's address, the check-in day and the status reminder rules. */
  @Get()
  @Roles('ops')
  get() {
    return this.settings.get();
  }

  /** Any subset of the settings; the answer is all of them. */
  @Put()
  @Roles('ops')
  set(@Body() body: NotificationSettingsRequest, @CurrentActor() actor: Actor) {
    return this.settings.set(body, actor);
  }
}
