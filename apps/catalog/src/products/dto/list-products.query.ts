import { ApiPropertyOptional } from '@nestjs/swagger';
import { PRODUCT_STATUSES, PRODUCT_TYPES, type ProductStatus, type ProductType } from '@oms/contracts';
import { PageQuery } from '@oms/service-runtime';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ enum: PRODUCT_TYPES })
  @IsOptional()
  @IsIn(PRODUCT_TYPES)
  type?: ProductType;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  subscribable?: boolean;

  @ApiPropertyOptional({ description: 'matches SKU or name, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
