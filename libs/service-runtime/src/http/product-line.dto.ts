import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';

/** A request line: which catalog product, and how many (orders and subscriptions alike). */
export class ProductLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ minimum: 1, maximum: 999, example: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity: number;
}

/** A request's `lines`: 1 to 50 product lines, each validated as a {@link ProductLineDto}. */
export function ProductLines(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [ProductLineDto] }),
    IsArray(),
    IsObject({ each: true, message: 'each of lines must be an object with productId and quantity' }),
    ArrayMinSize(1, { message: 'lines must contain at least one product' }),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => ProductLineDto),
  );
}
