import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CANCEL_WHEN, type CancelWhen } from '@oms/contracts';
import { IsOmittable, IsVisibleText } from '@oms/service-runtime';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID, Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const localDate = (field: string) => Matches(LOCAL_DATE, { message: `${field} must be a local date like 2026-03-31` });

export class PauseRequest {
  @ApiPropertyOptional({ example: '2026-03-01', description: "local date the pause starts (default: now), in the subscription's zone" })
  @IsOmittable()
  @localDate('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-05-01', description: 'local date the subscription resumes by itself (default: until resumed)' })
  @IsOmittable()
  @localDate('resumeOn')
  resumeOn?: string;

  @ApiPropertyOptional({ example: 'holiday', maxLength: 500 })
  @IsOmittable()
  @IsVisibleText(500)
  reason?: string;
}

export class ResumeRequest {
  @ApiPropertyOptional({ example: '2026-05-01', description: 'local date to resume on (default: now)' })
  @IsOmittable()
  @localDate('on')
  on?: string;
}

export class SkipCycleRequest {
  @ApiPropertyOptional({ type: [String], description: 'skip only these lines of the cycle (default: the whole cycle)' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  lineIds?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOmittable()
  @IsVisibleText(500)
  reason?: string;
}

export class RescheduleCycleRequest {
  @ApiProperty({ example: '2026-03-18', description: 'local date the delivery moves to, within its period' })
  @localDate('dueOn')
  dueOn: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOmittable()
  @IsVisibleText(500)
  reason?: string;
}

export class CancelRequest {
  @ApiProperty({ enum: CANCEL_WHEN, description: 'now, or at period end: the cycle already ordered is the last' })
  @IsIn(CANCEL_WHEN)
  when: CancelWhen;

  @ApiProperty({ example: 'moving abroad', maxLength: 500 })
  @IsVisibleText(500)
  reason: string;
}
