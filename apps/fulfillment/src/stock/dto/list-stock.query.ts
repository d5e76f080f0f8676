import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { IsOptional } from 'class-validator';
import { IsSku, IsWarehouseCode } from './identifiers';

export class ListStockQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'COFFEE-1KG' })
  @IsOptional()
  @IsSku()
  sku?: string;

  @ApiPropertyOptional({ example: 'AMS-1', description: 'warehouse code' })
  @IsOptional()
  @IsWarehouseCode('warehouse')
  warehouse?: string;
}
