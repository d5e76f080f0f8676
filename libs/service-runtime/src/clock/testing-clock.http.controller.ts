import { Body, Controller, Get, Inject, NotFoundException, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@oms/auth';
import { IsISO8601 } from 'class-validator';
import { CLOCK, ControllableClock, type Clock } from './clock';

class SetClockRequest {
  @IsISO8601({ strict: true })
  now: string;
}

/**
 * Sets the service's business clock when CLOCK_CONTROL is on, so an
 * end-to-end scenario can move several services across months. Answers 404
 * otherwise, as if it did not exist. Admin only.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('testing/clock')
export class TestingClockHttpController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  get() {
    return { now: this.controllable().now().toISOString() };
  }

  @Put()
  set(@Body() body: SetClockRequest) {
    this.controllable().set(new Date(body.now));
    return { now: body.now };
  }

  private controllable(): ControllableClock {
    if (!(this.clock instanceof ControllableClock)) throw new NotFoundException();
    return this.clock;
  }
}
