import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { LateOrderSettingsRequest } from './late-order-settings.request';
import { LateOrderSettingsService } from './late-order-settings.service';
import { LateOrderWatchdog } from './late-order.watchdog';

/** The late-order thresholds (customer service and operations read them, admin sets them). */
@ApiTags('late-orders')
@Controller('settings/late-orders')
export class LateOrderSettingsHttpController {
  constructor(private readonly settings: LateOrderSettingsService) {}

  @Get()
  @Roles('csr', 'ops')
  get() {
    return this.settings.get();
  }

  /** Any subset; the answer is all of them. */
  @Put()
  @Roles('admin')
  @ApiUnprocessableEntityResponse({ description: 'cancelAfterMinutes not more than noticeAfterMinutes, a rule naming neither channel nor deliveryMode, a repeated rule or an unknown mode' })
  set(@Body() body: LateOrderSettingsRequest, @CurrentActor() actor: Actor) {
    return this.settings.set(body, actor);
  }
}

/** Operations start a watchdog run by hand (it also runs every LATE_ORDER_WATCHDOG_INTERVAL_MS). */
@ApiTags('late-orders')
@Controller('jobs/late-orders/runs')
export class LateOrderRunsHttpController {
  constructor(private readonly watchdog: LateOrderWatchdog) {}

  @Post()
  @Roles('ops')
  @HttpCode(200)
  @ApiOkResponse({ description: 'the finished run: orders scanned, noticed late and cancelled' })
  run() {
    return this.watchdog.run();
  }
}
