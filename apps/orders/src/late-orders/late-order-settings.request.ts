import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, IsVisibleText } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { LateThreshold, LateThresholdRule } from './late-thresholds';

/** A year, in minutes: longer thresholds would never fire in practice. */
const MAX_MINUTES = 60 * 24 * 365;

export class LateThresholdDto implements LateThreshold {
  @ApiProperty({ example: 1440, description: 'minutes past promisedShipBy before the customer is told the order is late (0: at once; 1440 = a day)' })
  @IsInt()
  @Min(0)
  @Max(MAX_MINUTES)
  noticeAfterMinutes: number;

  @ApiProperty({ example: 7200, description: 'minutes past promisedShipBy before the order is cancelled; more than noticeAfterMinutes (7200 = five days)' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  cancelAfterMinutes: number;
}

export class LateThresholdRuleDto extends LateThresholdDto implements LateThresholdRule {
  @ApiPropertyOptional({ example: 'call-center', description: 'the orders of this channel (web, call-center, subscription, ...); omitted: any channel' })
  @IsOmittable()
  @IsVisibleText(100)
  channel?: string;

  @ApiPropertyOptional({ example: 'express', description: 'the orders of this delivery mode; omitted: any mode' })
  @IsOmittable()
  @IsVisibleText(40)
  deliveryMode?: string;
}

/** PUT /settings/late-orders: any subset; `rules` replaces every rule. */
export class LateOrderSettingsRequest {
  @ApiPropertyOptional({ type: LateThresholdDto, description: 'for orders no rule matches' })
  @IsOmittable()
  @IsObject({ message: 'defaults must be an object with noticeAfterMinutes and cancelAfterMinutes' })
  @ValidateNested()
  @Type(() => LateThresholdDto)
  defaults?: LateThresholdDto;

  @ApiPropertyOptional({ type: [LateThresholdRuleDto], description: 'per channel, delivery mode, or both; the most specific match wins' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each of rules must be an object' })
  @ValidateNested({ each: true })
  @Type(() => LateThresholdRuleDto)
  rules?: LateThresholdRuleDto[];
}
