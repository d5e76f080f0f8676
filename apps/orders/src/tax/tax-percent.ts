/** A percentage with up to four decimals, as text: "21", "8.875", "7.0000". At most 100. */
export const TAX_PERCENT_PATTERN = /^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/;

/**
 * "8.875" -> 88750 parts per million, by string arithmetic (no float ever holds the rate):
 * four decimals of a percent are exactly millionths.
 */
export function percentToPpm(percent: string): number {
  if (!TAX_PERCENT_PATTERN.test(percent)) throw new RangeError(`${percent} is not a percentage with up to four decimals`);
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
}

/** 88750 -> "8.8750": always four decimals, the form the API answers with. */
export function ppmToPercent(ppm: number): string {
  return `${Math.trunc(ppm / 10_000)}.${String(ppm % 10_000).padStart(4, '0')}`;
}

/** The rate an order line shows ("21.0000"), or null when none applied (or the order predates tax). */
export function linePercent(ratePpm: number | null): string | null {
  return ratePpm === null ? null : ppmToPercent(ratePpm);
}
