import { quoteLine } from './line-quote';
import { OverrideRules, roundPercent } from './pricing-rules';
import {
  CHARGE_TYPES, type OrderPricing, type PriceOverride, type PricingInput, type PricingProblem, type QuotedCharge, type QuotedLine,
} from './order-pricing.types';

/**
 * The one pricing function of the orders service: `POST /orders/quote` shows
 * its result and `POST /orders` places it, so a placed order's lines and
 * totals are the quote's. Pure: products, the source code's terms and the
 * settings are handed in. Every amount is in integer minor units; a percent
 * discount is taken off the unit price (rounded half up), so unit and line
 * net prices always agree. Problems are returned, never thrown: 422 for what
 * cannot be priced as asked, 403 for an override beyond the caller's limit.
 * Tax is not part of it yet (it arrives with the payments issue).
 */
export function priceOrder(input: PricingInput): OrderPricing {
  const problems: PricingProblem[] = [];
  const rules = new OverrideRules(input, problems);
  const orderOverrides: PriceOverride[] = [];
  const orderOverride = input.orderDiscountOverride;
  if (orderOverride) {
    rules.reason('orderDiscountOverride.reasonCode', orderOverride.reasonCode);
    const oldValue = input.sourceCode?.discountPercent ?? 0;
    orderOverrides.push({ kind: 'order-discount', unit: 'percent', oldValue, newValue: orderOverride.percent, reasonCode: orderOverride.reasonCode });
  }
  const lines = input.lines.map((line, index) => quoteLine(input, line, index, rules, problems)).filter((line): line is QuotedLine => line !== null);
  const charges = quoteCharges(input, rules, problems, orderOverrides);
  return { currency: input.currency, sourceCode: input.sourceCode?.code ?? null, lines, charges, ...summarize(lines, charges), overrides: [...lines.flatMap((l) => l.overrides), ...orderOverrides], problems: dedupe(problems) };
}

function quoteCharges(input: PricingInput, rules: OverrideRules, problems: PricingProblem[], overrides: PriceOverride[]): QuotedCharge[] {
  const requested = input.chargeOverrides ?? [];
  requested.forEach((override, i) => {
    if (requested.findIndex((other) => other.type === override.type) !== i) {
      problems.push({ status: 422, field: `chargeOverrides.${i}.type`, message: `the ${override.type} charge is overridden twice` });
    }
  });
  return CHARGE_TYPES.map((type): QuotedCharge => {
    const code = input.sourceCode;
    const fromCode = code?.charges.find((charge) => charge.type === type && charge.currency === input.currency);
    const before: QuotedCharge = type === 'shipping' && code?.freeShipping
      ? { type, amountMinor: 0, basis: 'free-shipping' }
      : fromCode ? { type, amountMinor: fromCode.amountMinor, basis: 'source-code' } : { type, amountMinor: 0, basis: 'none' };
    const index = requested.findIndex((override) => override.type === type);
    if (index < 0) return before;
    const override = requested[index]!;
    rules.reason(`chargeOverrides.${index}.reasonCode`, override.reasonCode);
    const percentOff = before.amountMinor > 0 ? ((before.amountMinor - override.amountMinor) / before.amountMinor) * 100 : 0;
    rules.chargeLimit(`chargeOverrides.${index}.amountMinor`, `the ${type} charge`, percentOff);
    overrides.push({ kind: 'charge', chargeType: type, unit: 'minor', oldValue: before.amountMinor, newValue: override.amountMinor, reasonCode: override.reasonCode });
    return { type, amountMinor: override.amountMinor, basis: 'override' };
  });
}

function summarize(lines: QuotedLine[], charges: QuotedCharge[]): Pick<OrderPricing, 'totals' | 'marginAlert'> {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const linesNetMinor = sum(lines.map((l) => l.lineNetMinor));
  const chargesMinor = sum(charges.map((c) => c.amountMinor));
  const costed = lines.length > 0 && lines.every((l) => l.costMinor !== null);
  const costMinor = costed ? sum(lines.map((l) => l.costMinor!)) : null;
  const marginMinor = costMinor === null ? null : linesNetMinor - costMinor;
  return {
    totals: {
      listMinor: sum(lines.map((l) => l.listPriceMinor * l.quantity)),
      discountMinor: sum(lines.map((l) => (l.listPriceMinor - l.unitNetPriceMinor) * l.quantity)),
      linesNetMinor, chargesMinor, totalMinor: linesNetMinor + chargesMinor, costMinor, marginMinor,
      marginPercent: marginMinor === null || linesNetMinor === 0 ? null : roundPercent((marginMinor / linesNetMinor) * 100),
    },
    marginAlert: lines.some((l) => l.marginAlert),
  };
}

/** An order discount beyond the limit is reported once, not once per line. */
function dedupe(problems: PricingProblem[]): PricingProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.status}|${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
