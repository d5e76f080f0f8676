import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsVisibleText } from '@oms/service-runtime';
import { IsInt, Max, Min, NotEquals } from 'class-validator';

/** A receipt (positive) or a correction (either sign) of on hand. */
export class AdjustStockRequest {
  @ApiProperty({ example: 12, description: 'units added (positive) or removed (negative); never 0' })
  @IsInt()
  @NotEquals(0, { message: 'delta must not be 0' })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  delta: number;

  @ApiProperty({ example: 'receipt PO-1234' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsVisibleText(200)
  reason: string;
}
