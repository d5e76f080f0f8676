import { ApiProperty } from '@nestjs/swagger';
import { IsVisibleText } from '@oms/service-runtime';
import { IsInt, Max, Min } from 'class-validator';

export class RefundRequest {
  @ApiProperty({ example: 500, description: 'minor units, at most what was captured and not yet refunded; above the csr limit (settings) only admin' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountMinor: number;

  @ApiProperty({ example: 'one bag arrived damaged' })
  @IsVisibleText(500)
  reason: string;
}
