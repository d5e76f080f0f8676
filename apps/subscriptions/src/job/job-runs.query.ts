import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class ListJobRunsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['running', 'succeeded', 'failed', 'partially-failed', 'disabled'] })
  @IsOptional()
  @IsIn(['running', 'succeeded', 'failed', 'partially-failed', 'disabled'])
  status?: string;
}

export class StartRunQuery {
  @ApiPropertyOptional({ description: 'answer when the run has finished instead of at once' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  wait?: boolean;
}
