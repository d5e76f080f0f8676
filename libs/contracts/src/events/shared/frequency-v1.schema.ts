import { IsIn, Max } from 'class-validator';
import { IsIntAtLeast } from '../../validation/contract.decorators';

/** Calendar units a delivery frequency can be expressed in. */
export const FREQUENCY_UNITS = ['day', 'week', 'month', 'year'] as const;

/** One of {@link FREQUENCY_UNITS}. */
export type FrequencyUnit = (typeof FREQUENCY_UNITS)[number];

/** "Every `interval` `unit`s", e.g. `{ unit: 'week', interval: 2 }` is fortnightly. */
export class FrequencyV1 {
  @IsIn(FREQUENCY_UNITS)
  unit: FrequencyUnit;

  /** 1 to 365, as every HTTP route that takes a frequency allows. */
  @IsIntAtLeast(1)
  @Max(365)
  interval: number;
}
