import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_HOLD_TYPES, type OrderHoldType } from '@oms/contracts';
import { IsOmittable, IsVisibleText } from '@oms/service-runtime';
import { IsIn, Matches } from 'class-validator';

/** Hold types people place; pricing and payment holds are placed by the services themselves. */
export const PLACEABLE_HOLD_TYPES = ORDER_HOLD_TYPES.filter((t): t is Exclude<OrderHoldType, 'pricing' | 'payment'> => t !== 'pricing' && t !== 'payment');

export class PlaceHoldRequest {
  @ApiProperty({ enum: PLACEABLE_HOLD_TYPES, description: 'pricing and payment holds are placed by the system only' })
  @IsIn(PLACEABLE_HOLD_TYPES, { message: `type must be one of: ${PLACEABLE_HOLD_TYPES.join(', ')} (pricing and payment holds are placed by the system)` })
  type: (typeof PLACEABLE_HOLD_TYPES)[number];

  @ApiPropertyOptional({ example: 'address-check', description: 'a short code (lower-case letters, digits, dashes); the type when left out' })
  @IsOmittable()
  @Matches(/^[a-z0-9][a-z0-9-]{0,49}$/, { message: 'code must be lower-case letters, digits and dashes, at most 50' })
  code?: string;

  @ApiProperty({ example: 'customer asked to check the address' })
  @IsVisibleText(500)
  reason: string;
}

export class ClearHoldRequest {
  @ApiProperty({ example: 'customer confirmed the order by phone' })
  @IsVisibleText(500)
  reason: string;
}
