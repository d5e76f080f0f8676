import { ApiProperty } from '@nestjs/swagger';
import { IsSku, IsWarehouseCode } from './identifiers';

/** Path of one stock row: /warehouses/{code}/stock/{sku}. */
export class StockParams {
  @ApiProperty({ example: 'AMS-1' })
  @IsWarehouseCode()
  code: string;

  @ApiProperty({ example: 'COFFEE-1KG' })
  @IsSku()
  sku: string;
}
