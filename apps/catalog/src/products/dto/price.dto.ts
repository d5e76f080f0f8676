import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** A price (or cost price) in one currency, in integer minor units (1299 = 12.99). */
export class PriceDto {
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ example: 1299, minimum: 0 })
  @IsInt()
  @Min(0, { message: 'amountMinor must not be negative' })
  @Max(1_000_000_000)
  amountMinor: number;
}
