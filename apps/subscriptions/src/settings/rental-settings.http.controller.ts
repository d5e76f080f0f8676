import { Body, Controller, Get, Put } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';

/** Optional, but never null: a null would silently keep the old value. */
const present = (_: object, value: unknown) => value !== undefined;
import { FEES_STOP_AT, RentalSettingsService, type FeesStopAt } from './rental-settings.service';

class RentalSettingsRequest {
  @ApiPropertyOptional({ example: 1095, description: 'days from start to the assumed return date of new rental subscriptions' })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(36500)
  defaultAssumedReturnDays?: number;

  @ApiPropertyOptional({ enum: FEES_STOP_AT, description: 'after an end request, fees stop at the request or when the unit is back (Closed)' })
  @ValidateIf(present)
  @IsIn(FEES_STOP_AT, { message: `feesStopAt must be one of: ${FEES_STOP_AT.join(', ')}` })
  feesStopAt?: FeesStopAt;
}

@ApiTags('settings')
@Controller('settings/rental')
export class RentalSettingsHttpController {
  constructor(private readonly settings: RentalSettingsService) {}

  @Get()
  @Roles('csr', 'ops')
  get() {
    return this.settings.get();
  }

  @Put()
  @Roles('admin')
  set(@Body() body: RentalSettingsRequest, @CurrentActor() actor: Actor) {
    return this.settings.set(body, actor);
  }
}
