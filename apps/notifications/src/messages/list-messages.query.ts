import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

/** GET /messages filters; all optional, combined with AND. */
export class ListMessagesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  orderId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subscriptionId?: string;

  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: (typeof MESSAGE_STATUSES)[number];
}
