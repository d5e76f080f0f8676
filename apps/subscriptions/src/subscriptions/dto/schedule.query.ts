import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ScheduleQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 12, description: 'how many upcoming cycles to show' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  next: number = 12;
}
