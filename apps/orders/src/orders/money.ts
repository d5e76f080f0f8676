/**
 * Amounts are integer minor units in BIGINT columns: one €25,000.00 × 900 line
 * is 2,250,000,000 cents, past a 32-bit integer. In JSON (API and events) they
 * travel as plain integers, exact up to Number.MAX_SAFE_INTEGER, which no
 * order can reach (prices are at most 10^9, quantities 999, lines 50).
 */
export function minorAmount(value: bigint): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${value} is beyond the exact range of a JSON number`);
  return amount;
}

/** {@link minorAmount} for a column that may be null (a line not priced yet). */
export function optionalMinorAmount(value: bigint | null): number | null {
  return value === null ? null : minorAmount(value);
}
