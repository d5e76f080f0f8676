import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsVisibleText } from '@oms/service-runtime';
import { IsWarehouseCode } from '../../stock/dto/identifiers';

export class CreateWarehouseRequest {
  @ApiProperty({ example: 'AMS-1', description: 'unique, stored upper case' })
  @IsWarehouseCode()
  code: string;

  @ApiProperty({ example: 'Amsterdam central warehouse' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsVisibleText(200)
  name: string;
}
