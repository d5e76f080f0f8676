import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '@oms/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListShipmentsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  orderId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subscriptionId?: string;

  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES, { message: `status must be one of: ${SHIPMENT_STATUSES.join(', ')}` })
  status?: ShipmentStatus;
}
