import type { FrequencyV1 } from './frequency-v1.schema';

const NAMED: Record<string, string> = {
  'day:1': 'Daily',
  'week:1': 'Weekly',
  'week:2': 'Every 2 weeks',
  'month:1': 'Monthly',
  'month:3': 'Quarterly',
  'month:6': 'Every 6 months',
  'year:1': 'Yearly',
};

/** Human name of a frequency, as Dynamics 365 IOM shows them: Monthly, Quarterly, Yearly, ... */
export function frequencyLabel(frequency: FrequencyV1): string {
  return NAMED[`${frequency.unit}:${frequency.interval}`] ?? `Every ${frequency.interval} ${frequency.unit}s`;
}

/** True when both describe the same rhythm. */
export function sameFrequency(a: FrequencyV1, b: FrequencyV1): boolean {
  return a.unit === b.unit && a.interval === b.interval;
}
