import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsWarehouseCode } from '../../stock/dto/identifiers';

export class CreateWarehouseRequest {
  @ApiProperty({ example: 'AMS-1', description: 'unique, stored upper case' })
  @IsWarehouseCode()
  code: string;

  @ApiProperty({ example: 'Amsterdam central warehouse' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name: string;
}
