import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TAX_CODE_PATTERN } from '@oms/contracts';
import { IsOmittable, PageQuery } from '@oms/service-runtime';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, Matches } from 'class-validator';
import { TAX_PERCENT_PATTERN } from './tax-percent';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z0-9]{1,3}$/;

/** A calendar date YYYY-MM-DD that exists (2026-02-30 is refused). */
function IsDay(field: string): PropertyDecorator {
  return (target, key) => {
    IsISO8601({ strict: true }, { message: `${field} must be a date like 2026-07-01` })(target, key);
    Matches(DATE, { message: `${field} must be a date like 2026-07-01` })(target, key);
  };
}

/** POST /tax-rates. */
export class CreateTaxRateRequest {
  @ApiProperty({ example: 'standard', description: "the products' catalog taxCode it applies to" })
  @Transform(lower)
  @IsString()
  @Matches(TAX_CODE_PATTERN, { message: 'taxCode must be 1-32 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  taxCode: string;

  @ApiProperty({ example: 'US', description: "ISO 3166-1 alpha-2; matched with the ship-to's countryCode" })
  @Transform(upper)
  @IsString()
  @Matches(COUNTRY, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as NL' })
  countryCode: string;

  @ApiPropertyOptional({
    example: 'NY',
    description: "a state or province (ISO 3166-2 subdivision without the country); matched with the ship-to's region, case-insensitive. Left out: the whole country, used where the region has no rate of its own",
  })
  @IsOmittable()
  @Transform(upper)
  @IsString()
  @Matches(REGION, { message: 'regionCode must be 1-3 letters or digits, such as CA or NY' })
  regionCode?: string;

  @ApiProperty({ example: '8.875', description: 'a percentage with up to four decimals, 0-100, as a string so it stays exact' })
  @IsString({ message: 'ratePercent must be a string such as "8.875" (up to four decimals)' })
  @Matches(TAX_PERCENT_PATTERN, { message: 'ratePercent must be a percentage from 0 to 100 with up to four decimals, such as "8.875"' })
  ratePercent: string;

  @ApiProperty({ example: '2026-01-01', description: 'first day it applies (UTC date of the order creation)' })
  @IsDay('validFrom')
  validFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'last day it applies (inclusive); left out: open-ended' })
  @IsOmittable()
  @IsDay('validTo')
  validTo?: string;
}

/** PATCH /tax-rates/{id}: ends a rate (a rate change is a new rate from the next day); orders already placed keep their tax. */
export class EndTaxRateRequest {
  @ApiProperty({ example: '2026-06-30', description: 'last day it applies (inclusive), not before validFrom' })
  @IsDay('validTo')
  validTo: string;
}

/** GET /tax-rates filters. */
export class ListTaxRatesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'standard' })
  @IsOmittable()
  @Transform(lower)
  @IsString()
  @Matches(TAX_CODE_PATTERN, { message: 'taxCode must be 1-32 letters, digits, ".", "_" or "-"' })
  taxCode?: string;

  @ApiPropertyOptional({ example: 'US' })
  @IsOmittable()
  @Transform(upper)
  @IsString()
  @Matches(COUNTRY, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as NL' })
  countryCode?: string;

  @ApiPropertyOptional({ example: '2026-07-01', description: 'only rates valid on this day' })
  @IsOmittable()
  @IsDay('validOn')
  validOn?: string;
}
