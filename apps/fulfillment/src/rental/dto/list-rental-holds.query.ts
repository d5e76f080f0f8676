import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListRentalHoldsQuery extends PageQuery {
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

  @ApiPropertyOptional({ enum: ['active', 'closed'] })
  @IsOptional()
  @IsIn(['active', 'closed'], { message: 'status must be one of: active, closed' })
  status?: 'active' | 'closed';
}
