import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHARGE_TYPES, type ChargeType } from '@oms/contracts';
import { IsOmittable, ProductLineDto } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { REASON_CODE_PATTERN } from '../../settings/call-center-settings.request';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, Matches, Max, Min, ValidateNested } from 'class-validator';

const REASON = { example: 'PRICE-MATCH', description: 'one of the reason codes of GET /settings/call-center' };

/** A reason code's shape; whether it is on the configured list is checked when pricing (422). */
function IsReasonCode(): PropertyDecorator {
  return applyDecorators(ApiProperty(REASON), Matches(REASON_CODE_PATTERN, { message: 'reasonCode must be 1-40 upper-case letters, digits, "_" or "-"' }));
}

function IsPercent(): PropertyDecorator {
  return applyDecorators(IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }), Min(0), Max(100));
}

/** Nested object (one), validated with `cls`; null and arrays refused. */
function NestedOverride(cls: new () => object, description: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ type: cls, description }), IsOmittable(), IsObject(), ValidateNested(), Type(() => cls));
}

export class PriceOverrideRequest {
  @ApiProperty({ example: 1700, description: 'the unit price instead of the list price, minor units; discounts still apply to it' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  unitPriceMinor: number;

  @IsReasonCode()
  reasonCode: string;
}

export class DiscountOverrideRequest {
  @ApiProperty({ example: 10, description: "percent off each unit (at most 2 decimals), instead of the source code's discount" })
  @IsPercent()
  percent: number;

  @IsReasonCode()
  reasonCode: string;
}

export class ChargeOverrideRequest {
  @ApiProperty({ enum: CHARGE_TYPES })
  @IsIn(CHARGE_TYPES, { message: `type must be one of: ${CHARGE_TYPES.join(', ')}` })
  type: ChargeType;

  @ApiProperty({ example: 0, description: 'the charge instead of the source code rule, minor units' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  amountMinor: number;

  @IsReasonCode()
  reasonCode: string;
}

/** An order line with the overrides customer service may give (limits per role in the call-center settings). */
export class OrderLineRequest extends ProductLineDto {
  @NestedOverride(PriceOverrideRequest, 'price override: replaces the list price of one unit')
  priceOverride?: PriceOverrideRequest;

  @NestedOverride(DiscountOverrideRequest, "discount override: replaces the order's (or source code's) discount on this line")
  discountOverride?: DiscountOverrideRequest;

  @ApiPropertyOptional({ ...REASON, description: 'accepts a margin under the alert threshold on a line without a price or discount override' })
  @IsOmittable()
  @Matches(REASON_CODE_PATTERN, { message: 'marginReasonCode must be 1-40 upper-case letters, digits, "_" or "-"' })
  marginReasonCode?: string;
}

/** A request's `lines` with overrides: 1 to 50, each validated as an {@link OrderLineRequest}. */
export function OrderLines(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [OrderLineRequest] }),
    IsArray(),
    IsObject({ each: true, message: 'each of lines must be an object with productId and quantity' }),
    ArrayMinSize(1, { message: 'lines must contain at least one product' }),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => OrderLineRequest),
  );
}

/** `chargeOverrides`: at most one per charge type (a second one is refused when pricing). */
export function ChargeOverrides(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [ChargeOverrideRequest], description: 'misc charge overrides (shipping, handling), each with a reason code' }),
    IsOmittable(),
    IsArray(),
    ArrayMaxSize(CHARGE_TYPES.length),
    IsObject({ each: true, message: 'each of chargeOverrides must be an object with type, amountMinor and reasonCode' }),
    ValidateNested({ each: true }),
    Type(() => ChargeOverrideRequest),
  );
}

export { NestedOverride };
