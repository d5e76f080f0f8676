import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DUNNING_FINAL_ACTIONS, OUT_OF_STOCK_POLICIES, type DunningFinalAction, type OutOfStockPolicy } from '@oms/contracts';
import type { CatchUpPolicy } from '@oms/scheduling';
import { FrequencyDto, IsOmittable, IsVisibleText, ProductLineDto, ProductLines, ShipToDto } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsISO8601, IsObject, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsTimeZone } from './is-time-zone.decorator';

/** Far beyond any real contract (daily for 270 years), far below the integer columns' range. */
export const MAX_CYCLES = 100_000;

export const CATCH_UP_POLICIES: readonly CatchUpPolicy[] = ['all', 'latest-only', 'skip-missed'];

export class CreateSubscriptionRequest {
  @ApiProperty({ example: 'cust-1001' })
  @IsVisibleText(100)
  customerId: string;

  @ApiPropertyOptional({ example: 'ann@example.com', description: 'where order confirmations, reminders and notices go' })
  @IsOmittable()
  @IsEmail()
  @MaxLength(320)
  customerEmail?: string;

  @ApiPropertyOptional({ example: 'Ann de Vries', description: "carried on each cycle's order, which can be found by it" })
  @IsOmittable()
  @IsVisibleText(200)
  customerName?: string;

  @ApiPropertyOptional({ example: 'web', default: 'web' })
  @IsOmittable()
  @IsVisibleText(50)
  channel: string = 'web';

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiPropertyOptional({ example: 'Europe/Amsterdam', default: 'UTC' })
  @IsOmittable()
  @IsTimeZone()
  timeZone: string = 'UTC';

  @ApiProperty({ type: FrequencyDto, description: 'fulfillment frequency; must be one the products allow' })
  @IsObject({ message: 'frequency must be an object such as {"unit":"month","interval":1}' })
  @ValidateNested()
  @Type(() => FrequencyDto)
  frequency: FrequencyDto;

  @ApiPropertyOptional({ example: '2026-01-31', description: 'local date of the first cycle; its day fixes the rhythm (default: today)' })
  @IsOmittable()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date like 2026-01-31' })
  startDate?: string;

  @ApiPropertyOptional({ example: '09:00', default: '09:00', description: 'local time of day each cycle comes due' })
  @IsOmittable()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'deliveryTime must be HH:mm, 00:00 to 23:59' })
  deliveryTime: string = '09:00';

  @ApiPropertyOptional({ example: '2027-01-31', description: 'last local date a cycle may come due' })
  @IsOmittable()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endDate must be a date like 2027-01-31' })
  endDate?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CYCLES })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_CYCLES)
  maxCycles?: number;

  @ApiPropertyOptional({
    enum: CATCH_UP_POLICIES,
    default: 'all',
    description: 'what happens to cycles missed during downtime; required when startDate is more than one cycle in the past',
  })
  @IsOmittable()
  @IsIn(CATCH_UP_POLICIES)
  catchUpPolicy?: CatchUpPolicy;

  @ApiPropertyOptional({ enum: OUT_OF_STOCK_POLICIES, default: 'backorder', description: 'what happens to a cycle whose stock runs short' })
  @IsOmittable()
  @IsIn(OUT_OF_STOCK_POLICIES)
  outOfStockPolicy: OutOfStockPolicy = 'backorder';

  @ApiPropertyOptional({
    enum: DUNNING_FINAL_ACTIONS,
    description: "what applies when a cycle's payment fails at every dunning retry: pause the subscription, cancel it, or skip this cycle; absent: the orders payment setting dunningFinalAction (pause by default)",
  })
  @IsOmittable()
  @IsIn(DUNNING_FINAL_ACTIONS)
  dunningFinalAction?: DunningFinalAction;

  @ApiPropertyOptional({ description: "the upstream order's id; a second request with the same channel and reference creates nothing" })
  @IsOmittable()
  @IsVisibleText(200)
  externalRef?: string;

  @ApiPropertyOptional({ type: ShipToDto, description: "delivery address, copied into each cycle's order" })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ShipToDto)
  shipTo?: ShipToDto;

  @ProductLines()
  lines: ProductLineDto[];
}
