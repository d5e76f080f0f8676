import type { PricingInput, PricingProblem } from './order-pricing.types';

/** Percentages travel with at most 2 decimals; this rounds a computed one for display. */
export function roundPercent(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `percent` of an amount in minor units, rounded half up to a whole minor unit (percent has at most 2 decimals). */
export function percentOf(amountMinor: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.round((amountMinor * basisPoints) / 10_000);
}

/** The amount of `currency` in a list of { currency, amountMinor } (the read model's JSON), or null. */
export function amountIn(list: unknown, currency: string): number | null {
  if (!Array.isArray(list)) return null;
  const found = (list as Array<{ currency?: unknown; amountMinor?: unknown }>).find((entry) => entry?.currency === currency);
  return typeof found?.amountMinor === 'number' ? found.amountMinor : null;
}

/**
 * Checks one override against the settings: its reason code must be on the
 * list, and the caller's role must have a limit at least as far as the
 * override goes. `percentOff` is how far it goes (null: not a reduction).
 */
export class OverrideRules {
  constructor(
    private readonly input: Pick<PricingInput, 'policy' | 'role'>,
    private readonly problems: PricingProblem[],
  ) {}

  reason(field: string, reasonCode: string): void {
    const codes = this.input.policy.reasonCodes;
    if (!codes.includes(reasonCode)) {
      this.problems.push({ status: 422, field, message: `reason code ${reasonCode} is not one of: ${codes.join(', ') || '(none configured)'}` });
    }
  }

  /** Price or discount overrides taking `what` a further `percentOff` (of its list price) below what the source code gives. */
  priceLimit(field: string, what: string, percentOff: number): void {
    this.limit(field, what, percentOff, 'maxPercentOffList', 'off list by override');
  }

  /** A charge override taking a charge `percentOff` below what it was. */
  chargeLimit(field: string, what: string, percentOff: number): void {
    this.limit(field, what, percentOff, 'maxChargeReductionPercent', 'off the charge');
  }

  private limit(field: string, what: string, percentOff: number, key: 'maxPercentOffList' | 'maxChargeReductionPercent', off: string): void {
    const { limits } = this.input.policy;
    const own = limits.find((limit) => limit.role === this.input.role);
    const allowedTo = limits.filter((limit) => limit[key] + 1e-9 >= percentOff).map((limit) => limit.role);
    const needs = allowedTo.length > 0 ? `needs ${allowedTo.join(' or ')}` : 'no role may give that much';
    if (!own) {
      this.problems.push({ status: 403, field, message: `${what}: role ${this.input.role} may not override prices or charges` });
    } else if (percentOff > own[key] + 1e-9) {
      const shown = roundPercent(percentOff);
      this.problems.push({ status: 403, field, message: `${what}: ${shown}% ${off} is beyond the ${this.input.role} limit of ${own[key]}%; ${needs}` });
    }
  }
}
