import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsUUID } from 'class-validator';

/** Swap one rented line to another rental product. */
export class SwapRequest {
  @ApiProperty({ description: 'the subscription line to swap' })
  @IsUUID('all', { message: 'lineId must be a UUID' })
  lineId: string;

  @ApiProperty({ description: 'the rental product wanted instead' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId: string;
}

export class AssumedReturnDateRequest {
  @ApiProperty({ example: '2027-03-01', description: 'local date the unit is assumed back (does not end the subscription)' })
  @IsISO8601({ strict: true }, { message: 'assumedReturnDate must be a date such as 2027-03-01' })
  assumedReturnDate: string;
}
