import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** A stock count: on hand becomes exactly this. */
export class SetStockRequest {
  @ApiProperty({ example: 40, minimum: 0 })
  @IsInt()
  @Min(0, { message: 'onHand must not be negative' })
  @Max(1_000_000_000)
  onHand: number;
}
