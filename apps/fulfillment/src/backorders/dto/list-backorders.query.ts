import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional } from 'class-validator';
import { IsSku } from '../../stock/dto/identifiers';

export const BACKORDER_STATUSES = ['pending', 'reserved', 'cancelled'] as const;

export class ListBackordersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BACKORDER_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(BACKORDER_STATUSES)
  status: (typeof BACKORDER_STATUSES)[number] = 'pending';

  @ApiPropertyOptional({ description: 'only backorders with a line of this SKU' })
  @IsOptional()
  @IsSku()
  sku?: string;
}
