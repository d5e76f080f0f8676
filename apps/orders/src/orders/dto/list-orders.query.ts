import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_HOLD_TYPES, ORDER_STATUSES, type OrderHoldType, type OrderStatus } from '@oms/contracts';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Filters of GET /orders; from (inclusive) and to (exclusive) bound created_at. */
export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subscriptionId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ enum: ORDER_HOLD_TYPES, description: 'orders with an open hold of this type (customer service, operations and admin only)' })
  @IsOptional()
  @IsIn(ORDER_HOLD_TYPES)
  hold?: OrderHoldType;

  @ApiPropertyOptional({ example: 'SPRING26', description: 'orders placed with this source code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  sourceCode?: string;

  @ApiPropertyOptional({
    example: 'SO-000042',
    description: 'finds orders by order number, external reference, customer email or name (case-insensitive, part of the text), phone (its digits) or ship-to postcode (case and spaces ignored)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'created at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z', description: 'created before (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
