import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '@oms/contracts';
import { IsOmittable } from '@oms/service-runtime';
import { IsBoolean, IsIn, IsISO8601 } from 'class-validator';

export class UpdateShipmentRequest {
  @ApiProperty({ enum: SHIPMENT_STATUSES, example: 'delivered' })
  @IsIn(SHIPMENT_STATUSES, { message: `status must be one of: ${SHIPMENT_STATUSES.join(', ')}` })
  status: ShipmentStatus;

  @ApiPropertyOptional({ description: 'when it happened (carrier scan time); defaults to now' })
  @IsOmittable()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'with checked: the rental unit is damaged and becomes unavailable instead of returning to stock at Closed' })
  @IsOmittable()
  @IsBoolean()
  damaged?: boolean;
}
