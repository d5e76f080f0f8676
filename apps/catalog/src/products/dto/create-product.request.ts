import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { ProductFieldsDto } from './product-fields.dto';

export class CreateProductRequest extends ProductFieldsDto {
  @ApiProperty({ example: 'COFFEE-1KG' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, { message: 'sku must be 1-64 letters, digits, ".", "_" or "-"' })
  sku: string;
}
