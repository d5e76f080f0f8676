import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@oms/auth';
import { IsOmittable, IsVisibleText } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsObject, Matches, Max, Min, registerDecorator, ValidateNested } from 'class-validator';
import type { OverrideLimit, ReasonCode } from './call-center-settings.service';

/** Roles an override limit can name: the staff and channel roles (customers never override). */
export const OVERRIDING_ROLES = ROLES.filter((role) => role !== 'customer');

const PERCENT = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

/** What a reason code looks like, on the settings' list and in an override. */
export const REASON_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;

class ReasonCodeDto implements ReasonCode {
  @ApiProperty({ example: 'PRICE-MATCH' })
  @Matches(REASON_CODE_PATTERN, { message: 'code must be 1-40 upper-case letters, digits, "_" or "-"' })
  code: string;

  @ApiProperty({ example: "matches a competitor's price" })
  @IsVisibleText(200)
  description: string;
}

class OverrideLimitDto implements OverrideLimit {
  @ApiProperty({ enum: OVERRIDING_ROLES, example: 'csr' })
  @IsIn(OVERRIDING_ROLES, { message: `role must be one of: ${OVERRIDING_ROLES.join(', ')}` })
  role: string;

  @ApiProperty({ example: 15, description: 'a price or discount override may take a line at most this percent below its list price' })
  @IsNumber(PERCENT)
  @Min(0)
  @Max(100)
  maxPercentOffList: number;

  @ApiProperty({ example: 100, description: 'a charge override may lower a shipping or handling charge by at most this percent' })
  @IsNumber(PERCENT)
  @Min(0)
  @Max(100)
  maxChargeReductionPercent: number;
}

/** PUT /settings/call-center: any subset; a field left out keeps its value, an explicit null is refused. */
export class CallCenterSettingsRequest {
  @ApiPropertyOptional({ description: 'a call-center order must name a source code (off by default)' })
  @IsOmittable()
  @IsBoolean()
  sourceCodeRequired?: boolean;

  @ApiPropertyOptional({ example: 20, description: 'quote lines with a margin under this percent are flagged (marginAlert); placing one needs an override reason' })
  @IsOmittable()
  @IsNumber(PERCENT)
  @Min(0)
  @Max(100)
  marginAlertPercent?: number;

  @ApiPropertyOptional({ type: [ReasonCodeDto], description: 'the reason codes overrides may give (replaces the whole list)' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1, { message: 'reasonCodes must hold at least one code' })
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each of reasonCodes must be an object with code and description' })
  @ValidateNested({ each: true })
  @Type(() => ReasonCodeDto)
  @DistinctBy('code')
  reasonCodes?: ReasonCodeDto[];

  @ApiPropertyOptional({ type: [OverrideLimitDto], description: 'how far each role may override (replaces the whole list); a role not listed may not override' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(OVERRIDING_ROLES.length)
  @IsObject({ each: true, message: 'each of overrideLimits must be an object with role, maxPercentOffList and maxChargeReductionPercent' })
  @ValidateNested({ each: true })
  @Type(() => OverrideLimitDto)
  @DistinctBy('role')
  overrideLimits?: OverrideLimitDto[];
}

/** Two entries for one code (or role) would contradict each other: refused rather than one silently winning. */
function DistinctBy(key: string) {
  return (target: object, property: string) => {
    registerDecorator({
      name: 'distinctBy', target: target.constructor, propertyName: property,
      validator: {
        validate: (value: unknown) => {
          if (!Array.isArray(value) || !value.every((entry) => entry && typeof entry === 'object')) return true;
          const keys = value.map((entry) => (entry as Record<string, unknown>)[key]);
          return new Set(keys).size === keys.length;
        },
        defaultMessage: () => `${property} must not name the same ${key} twice`,
      },
    });
  };
}
