import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRODUCT_TYPES, TAX_CODE_PATTERN, type ProductType } from '@oms/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, Matches, ValidateNested } from 'class-validator';
import { FrequencyDto, IsOmittable, IsVisibleText } from '@oms/service-runtime';
import { PriceDto } from './price.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Fields a product is created with; updates take any subset of them (see UpdateProductRequest). */
export class ProductFieldsDto {
  @ApiProperty({ example: 'Organic coffee beans 1 kg' })
  @Transform(trim)
  @IsVisibleText(200)
  name: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsVisibleText(4000)
  description?: string;

  @ApiProperty({ enum: PRODUCT_TYPES, description: 'rental items are reserved long-term and returned' })
  @IsIn(PRODUCT_TYPES, { message: `type must be one of: ${PRODUCT_TYPES.join(', ')}` })
  type: ProductType;

  @ApiProperty({ description: 'whether subscriptions may be created for it' })
  @IsBoolean()
  subscribable: boolean;

  @ApiProperty({ type: [FrequencyDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: 'each of allowedFrequencies must be an object with unit and interval' })
  @ValidateNested({ each: true })
  @Type(() => FrequencyDto)
  allowedFrequencies: FrequencyDto[];

  @ApiPropertyOptional({
    example: 'standard', default: 'standard',
    description: 'sales tax code (lower-case letters, digits, ".", "_", "-"); the orders service taxes the product with its rates for this code in the ship-to region',
  })
  @IsOmittable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(TAX_CODE_PATTERN, { message: 'taxCode must be 1-32 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  taxCode?: string;

  @ApiProperty({ type: [PriceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each of prices must be an object with currency and amountMinor' })
  @ValidateNested({ each: true })
  @Type(() => PriceDto)
  prices: PriceDto[];

  @ApiPropertyOptional({ type: [PriceDto], description: 'what one unit costs us, per currency (like prices); the orders service flags quote lines whose margin over it is low. Staff only: customers and channels do not see it' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each of costPrices must be an object with currency and amountMinor' })
  @ValidateNested({ each: true })
  @Type(() => PriceDto)
  costPrices?: PriceDto[];
}
