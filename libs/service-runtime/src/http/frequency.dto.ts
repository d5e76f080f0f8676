import { ApiProperty } from '@nestjs/swagger';
import { FREQUENCY_UNITS, type FrequencyUnit } from '@oms/contracts';
import { IsIn, IsInt, Max, Min } from 'class-validator';

/**
 * "Every `interval` `unit`s". Dynamics 365 IOM's Monthly, Quarterly and Yearly
 * are {month,1}, {month,3} and {year,1}; weekly is {week,1}.
 */
export class FrequencyDto {
  @ApiProperty({ enum: FREQUENCY_UNITS, example: 'month' })
  @IsIn(FREQUENCY_UNITS, { message: `unit must be one of: ${FREQUENCY_UNITS.join(', ')}` })
  unit: FrequencyUnit;

  @ApiProperty({ minimum: 1, maximum: 365, example: 1 })
  @IsInt()
  @Min(1)
  @Max(365)
  interval: number;
}
