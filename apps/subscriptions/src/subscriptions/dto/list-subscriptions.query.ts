import { ApiPropertyOptional } from '@nestjs/swagger';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@oms/contracts';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class ListSubscriptionsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  customerId?: string;

  @ApiPropertyOptional({ enum: SUBSCRIPTION_STATUSES })
  @IsOptional()
  @IsIn(SUBSCRIPTION_STATUSES)
  status?: SubscriptionStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "a continuity program's enrolments" })
  @IsOptional()
  @IsUUID()
  programId?: string;
}
