import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { CHARGE_TYPES, type ChargeType } from '@oms/contracts';
import { IsOmittable, IsVisibleText, PageQuery } from '@oms/service-runtime';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { HTTP_CHANNELS } from '../orders/dto/place-order.request';

export const SOURCE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
const SOURCE_CODE_RULE = 'code must be 1-32 upper-case letters, digits, "_" or "-"';

/** A charge a source code adds to orders in one currency. */
export class SourceCodeChargeDto {
  @ApiProperty({ enum: CHARGE_TYPES })
  @IsIn(CHARGE_TYPES, { message: `type must be one of: ${CHARGE_TYPES.join(', ')}` })
  type: ChargeType;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ example: 495, minimum: 0 })
  @IsInt()
  @Min(0, { message: 'amountMinor must not be negative' })
  @Max(1_000_000_000)
  amountMinor: number;
}

export class CreateSourceCodeRequest {
  @ApiProperty({ example: 'SPRING26', description: 'printed in the catalogue or mailing; stored in upper case' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(SOURCE_CODE_PATTERN, { message: SOURCE_CODE_RULE })
  code: string;

  @ApiProperty({ example: 'Spring 2026 mailing: 10% off and free shipping' })
  @IsVisibleText(500)
  description: string;

  @ApiProperty({ enum: HTTP_CHANNELS, description: 'orders of another channel may not use it' })
  @IsIn(HTTP_CHANNELS, { message: `channel must be one of: ${HTTP_CHANNELS.join(', ')}` })
  channel: (typeof HTTP_CHANNELS)[number];

  @ApiProperty({ example: '2026-03-01T00:00:00Z', description: 'valid from (inclusive), ISO 8601' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiPropertyOptional({ example: '2026-06-01T00:00:00Z', description: 'valid until (exclusive), ISO 8601; absent: open-ended' })
  @IsOmittable()
  @IsISO8601({ strict: true })
  validTo?: string;

  @ApiPropertyOptional({ example: 10, description: 'percent off each unit of every line (at most 2 decimals)' })
  @IsOmittable()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  discountPercent?: number;

  @ApiPropertyOptional({ default: false, description: 'orders with this code pay no shipping charge' })
  @IsOmittable()
  @IsBoolean()
  freeShipping?: boolean;

  @ApiPropertyOptional({ type: [SourceCodeChargeDto], description: 'the charge rule: shipping and handling charges per currency' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: 'each of charges must be an object with type, currency and amountMinor' })
  @ValidateNested({ each: true })
  @Type(() => SourceCodeChargeDto)
  charges?: SourceCodeChargeDto[];
}

/** Any subset of a source code's fields but the code itself; a field sent as null is refused, not cleared. */
export class UpdateSourceCodeRequest extends PartialType(OmitType(CreateSourceCodeRequest, ['code'] as const), { skipNullProperties: false }) {}

export class ListSourceCodesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: HTTP_CHANNELS })
  @IsOptional()
  @IsIn(HTTP_CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z', description: 'only codes valid at this moment (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validAt?: string;
}
