import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FrequencyDto, IsVisibleText, ProductLineDto } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AFTER_LAST, type AfterLast } from './continuity-terms';

/** Optional, but never null: a null would silently keep the old value. */
const present = (_: object, value: unknown) => value !== undefined;

export const PROGRAM_STATUSES = ['active', 'retired'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
/** A series longer than this is a subscription, not a program. */
export const MAX_STEPS = 60;

/** One item of a step: a catalog product, how many, and the unit price this step charges for it. */
export class ProgramStepLineDto extends ProductLineDto {
  @ApiProperty({ example: 995, minimum: 0, description: "unit price in minor units of the program's currency (995 = 9.95)" })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  unitPriceMinor: number;
}

export class ProgramStepDto {
  @ApiProperty({ type: [ProgramStepLineDto], description: "the step's items; each product at most once" })
  @IsArray()
  @IsObject({ each: true, message: 'each of lines must be an object with productId, quantity and unitPriceMinor' })
  @ArrayMinSize(1, { message: 'lines must contain at least one product' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProgramStepLineDto)
  lines: ProgramStepLineDto[];
}

/** `steps`: 1 to MAX_STEPS steps, each validated as a {@link ProgramStepDto}. */
function Steps(required: boolean): PropertyDecorator {
  const description = 'step 1..n in order: the first is shipment 1 (say, at an introductory price), and so on';
  return applyDecorators(
    required ? ApiProperty({ type: [ProgramStepDto], description }) : ApiPropertyOptional({ type: [ProgramStepDto], description }),
    IsArray(),
    IsObject({ each: true, message: 'each of steps must be an object with lines' }),
    ArrayMinSize(1, { message: 'steps must contain at least one step' }),
    ArrayMaxSize(MAX_STEPS),
    ValidateNested({ each: true }),
    Type(() => ProgramStepDto),
  );
}

export class CreateContinuityProgramRequest {
  @ApiProperty({ example: 'Coffee discovery: three origins' })
  @IsVisibleText(200)
  name: string;

  @ApiProperty({ example: 'EUR', description: "currency of the steps' prices and of every enrolment's orders" })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ type: FrequencyDto, description: 'the interval between shipments, as a subscription frequency ({"unit":"month","interval":1})' })
  @IsObject({ message: 'frequency must be an object such as {"unit":"month","interval":1}' })
  @ValidateNested()
  @Type(() => FrequencyDto)
  frequency: FrequencyDto;

  @Steps(true)
  steps: ProgramStepDto[];

  @ApiPropertyOptional({ enum: AFTER_LAST, default: 'end', description: 'after the last step: the subscription ends, or keeps shipping the last step' })
  @ValidateIf(present)
  @IsIn(AFTER_LAST, { message: `afterLast must be one of: ${AFTER_LAST.join(', ')}` })
  afterLast: AfterLast = 'end';
}

/** Every field optional; a change makes a new version, enrolments keep the version they enrolled in. */
export class UpdateContinuityProgramRequest {
  @ApiPropertyOptional({ example: 'Coffee discovery: four origins' })
  @ValidateIf(present)
  @IsVisibleText(200)
  name?: string;

  @ApiPropertyOptional({ type: FrequencyDto })
  @ValidateIf(present)
  @IsObject({ message: 'frequency must be an object such as {"unit":"month","interval":1}' })
  @ValidateNested()
  @Type(() => FrequencyDto)
  frequency?: FrequencyDto;

  @ValidateIf(present)
  @Steps(false)
  steps?: ProgramStepDto[];

  @ApiPropertyOptional({ enum: AFTER_LAST })
  @ValidateIf(present)
  @IsIn(AFTER_LAST, { message: `afterLast must be one of: ${AFTER_LAST.join(', ')}` })
  afterLast?: AfterLast;

  @ApiPropertyOptional({ enum: PROGRAM_STATUSES, description: 'retired: no new enrolments (enrolled customers keep theirs)' })
  @ValidateIf(present)
  @IsIn(PROGRAM_STATUSES, { message: `status must be one of: ${PROGRAM_STATUSES.join(', ')}` })
  status?: ProgramStatus;
}
