import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsWarehouseCode } from '../../stock/dto/identifiers';

export const RESERVATION_STATUSES = ['active', 'released', 'shipped'] as const;
export const RELEASE_STATUSES = ['open', 'shipped', 'cancelled'] as const;

export class ListReservationsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  orderId?: string;

  @ApiPropertyOptional({ enum: RESERVATION_STATUSES })
  @IsOptional()
  @IsIn(RESERVATION_STATUSES)
  status?: (typeof RESERVATION_STATUSES)[number];
}

export class ListReleasesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'warehouse code' })
  @IsOptional()
  @IsWarehouseCode('warehouse')
  warehouse?: string;

  @ApiPropertyOptional({ enum: RELEASE_STATUSES })
  @IsOptional()
  @IsIn(RELEASE_STATUSES)
  status?: (typeof RELEASE_STATUSES)[number];
}
