import { ApiProperty } from '@nestjs/swagger';
import { IsWarehouseCode } from '../../stock/dto/identifiers';

export class WarehouseCodeParams {
  @ApiProperty({ example: 'AMS-1' })
  @IsWarehouseCode()
  code: string;
}
