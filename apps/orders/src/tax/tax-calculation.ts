import type { TaxStatus } from '@oms/contracts';

/**
 * Sales tax of an order, as a pure function of its lines, its ship-to address, the rates and the day.
 *
 * Rules (README "Sales tax"):
 * - Rate lookup: the product's tax code in the ship-to country; a rate for the ship-to region (state or province,
 *   compared without case) wins over the country-wide one. Only rates valid on the order's day count
 *   (validFrom <= day <= validTo, UTC dates).
 * - Rounding: per line, in minor units, half up (0.5 cent rounds to 1 cent); the order's tax is the sum of its
 *   lines' taxes, never a tax of the sum. Exclusive prices: tax = amount x rate. Inclusive prices: the amount
 *   already holds the tax, tax = amount x rate / (1 + rate), and the net is the amount minus that.
 * - No ship-to: no tax (taxStatus no-ship-to). A line whose code has no rate in the region that day: no tax on that
 *   line (its ratePercent is null) and taxStatus no-rate; the order is not held (a missing rate is an admin's task).
 */


export interface TaxRateEntry {
  taxCode: string;
  countryCode: string;
  regionCode: string | null;
  /** Millionths: 21% = 210000. */
  ratePpm: number;
  /** YYYY-MM-DD, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, inclusive; null: open-ended. */
  validTo: string | null;
}

export interface TaxAddress {
  countryCode: string;
  region?: string | null;
}

export interface TaxableAmount {
  taxCode: string;
  /** What the customer pays for it before tax (exclusive prices) or including tax (inclusive prices), after discounts. */
  amountMinor: bigint;
}

export interface AmountTax {
  /** The rate applied; null when none applied. */
  ratePpm: number | null;
  taxMinor: bigint;
  /** The amount without tax. */
  netMinor: bigint;
  /** The amount with tax. */
  grossMinor: bigint;
}

export interface TaxInput {
  amounts: TaxableAmount[];
  shipTo: TaxAddress | null;
  rates: readonly TaxRateEntry[];
  /** The order's creation day, YYYY-MM-DD (UTC). */
  onDay: string;
  pricesIncludeTax: boolean;
}

export interface TaxResult {
  amounts: AmountTax[];
  taxMinor: bigint;
  taxStatus: TaxStatus;
}

const MILLION = 1_000_000n;

/** The rate for one tax code at an address on a day: the region's if there is one, else the country's. */
export function findRate(rates: readonly TaxRateEntry[], taxCode: string, address: TaxAddress, onDay: string): TaxRateEntry | undefined {
  const region = address.region?.trim().toUpperCase() || null;
  const valid = rates.filter((rate) => rate.taxCode === taxCode && rate.countryCode === address.countryCode
    && rate.validFrom <= onDay && (rate.validTo === null || onDay <= rate.validTo));
  return (region === null ? undefined : valid.find((rate) => rate.regionCode === region)) ?? valid.find((rate) => rate.regionCode === null);
}

/** numerator / denominator rounded half up, for non-negative values. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** The tax held in (inclusive) or added to (exclusive) one amount at one rate, rounded half up in minor units. */
export function taxOfAmount(amountMinor: bigint, ratePpm: number, pricesIncludeTax: boolean): AmountTax {
  const rate = BigInt(ratePpm);
  if (pricesIncludeTax) {
    const taxMinor = divideHalfUp(amountMinor * rate, MILLION + rate);
    return { ratePpm, taxMinor, netMinor: amountMinor - taxMinor, grossMinor: amountMinor };
  }
  const taxMinor = divideHalfUp(amountMinor * rate, MILLION);
  return { ratePpm, taxMinor, netMinor: amountMinor, grossMinor: amountMinor + taxMinor };
}

export function calculateTax(input: TaxInput): TaxResult {
  const untaxed = (amountMinor: bigint): AmountTax => ({ ratePpm: null, taxMinor: 0n, netMinor: amountMinor, grossMinor: amountMinor });
  const { shipTo } = input;
  if (!shipTo) return { amounts: input.amounts.map((a) => untaxed(a.amountMinor)), taxMinor: 0n, taxStatus: 'no-ship-to' };
  let missing = false;
  const amounts = input.amounts.map(({ taxCode, amountMinor }) => {
    const rate = findRate(input.rates, taxCode, shipTo, input.onDay);
    if (!rate) missing = true;
    return rate ? taxOfAmount(amountMinor, rate.ratePpm, input.pricesIncludeTax) : untaxed(amountMinor);
  });
  return { amounts, taxMinor: amounts.reduce((sum, a) => sum + a.taxMinor, 0n), taxStatus: missing ? 'no-rate' : 'calculated' };
}

/** The UTC day of an instant, YYYY-MM-DD: the day whose rates tax an order created at that instant. */
export function taxDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
