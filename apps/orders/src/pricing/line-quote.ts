import { priceLines } from '../orders/intake/line-pricing';
import { amountIn, OverrideRules, percentOf, roundPercent } from './pricing-rules';
import type { Discount, LineRequest, PriceOverride, PricingInput, PricingProblem, QuotedLine } from './order-pricing.types';

/**
 * Prices one line: list price (or its override), the discount (line override,
 * else order override, else the source code's), unit and line net price, cost
 * and margin. Problems are pushed with the line's field path; null when the
 * line cannot be priced at all.
 */
export function quoteLine(input: PricingInput, request: LineRequest, index: number, rules: OverrideRules, problems: PricingProblem[]): QuotedLine | null {
  const at = `lines.${index}`;
  // The list price, and why a line has none, as every order is priced (catalog read model, active products only).
  const listed = priceLines([request], input.products, input.currency, { allowRetired: false });
  for (const problem of listed.problems) problems.push({ status: 422, field: `${at}.productId`, message: problem.message });
  const product = input.products.get(request.productId);
  const listPriceMinor = listed.lines[0]!.unitPriceMinor;
  if (!product || listPriceMinor === null) return null;
  const sku = product.sku;

  const what = `line ${index} (${sku})`;
  const overrides: PriceOverride[] = [];
  const { priceOverride, discountOverride } = request;
  const basePriceMinor = priceOverride?.unitPriceMinor ?? listPriceMinor;
  if (priceOverride) {
    rules.reason(`${at}.priceOverride.reasonCode`, priceOverride.reasonCode);
    overrides.push({ kind: 'unit-price', line: index, unit: 'minor', oldValue: listPriceMinor, newValue: basePriceMinor, reasonCode: priceOverride.reasonCode });
  }
  const sourcePercent = input.sourceCode?.discountPercent ?? null;
  const orderOverride = input.orderDiscountOverride;
  const discounts: Discount[] = [];
  let percent = 0;
  if (discountOverride) {
    rules.reason(`${at}.discountOverride.reasonCode`, discountOverride.reasonCode);
    overrides.push({ kind: 'line-discount', line: index, unit: 'percent', oldValue: orderOverride?.percent ?? sourcePercent ?? 0, newValue: discountOverride.percent, reasonCode: discountOverride.reasonCode });
    percent = discountOverride.percent;
    discounts.push({ source: 'override', percent, amountMinor: 0 });
  } else if (orderOverride) {
    percent = orderOverride.percent;
    discounts.push({ source: 'override', percent, amountMinor: 0 });
  } else if (sourcePercent !== null) {
    percent = sourcePercent;
    discounts.push({ source: 'source-code', code: input.sourceCode!.code, percent, amountMinor: 0 });
  }
  const unitDiscountMinor = percentOf(basePriceMinor, percent);
  const unitNetPriceMinor = basePriceMinor - unitDiscountMinor;
  const lineNetMinor = unitNetPriceMinor * request.quantity;
  for (const discount of discounts) discount.amountMinor = unitDiscountMinor * request.quantity;

  // The limit measures what the overrides take off, beyond the source code's own discount, as a share of the list price.
  const overridden = priceOverride ? 'priceOverride' : discountOverride ? 'discountOverride' : orderOverride ? null : undefined;
  if (overridden !== undefined) {
    const withoutOverrides = listPriceMinor - percentOf(listPriceMinor, sourcePercent ?? 0);
    const percentOff = listPriceMinor > 0 ? ((withoutOverrides - unitNetPriceMinor) / listPriceMinor) * 100 : 0;
    rules.priceLimit(overridden ? `${at}.${overridden}` : 'orderDiscountOverride', what, percentOff);
  }

  const unitCostMinor = amountIn(product.costPrices, input.currency);
  const costMinor = unitCostMinor === null ? null : unitCostMinor * request.quantity;
  const marginMinor = costMinor === null ? null : lineNetMinor - costMinor;
  const marginPercent = marginMinor === null || lineNetMinor === 0 ? null : roundPercent((marginMinor / lineNetMinor) * 100);
  const threshold = input.policy.marginAlertPercent;
  const marginAlert = marginMinor !== null && marginMinor * 100 < threshold * lineNetMinor;
  const overrideReason = priceOverride?.reasonCode ?? discountOverride?.reasonCode ?? (orderOverride ? orderOverride.reasonCode : undefined);
  if (request.marginReasonCode !== undefined) rules.reason(`${at}.marginReasonCode`, request.marginReasonCode);
  if (marginAlert && overrideReason === undefined && request.marginReasonCode !== undefined) {
    overrides.push({ kind: 'margin-accepted', line: index, unit: 'percent', oldValue: threshold, newValue: marginPercent ?? 0, reasonCode: request.marginReasonCode });
  }
  if (marginAlert && input.placing && overrideReason === undefined && request.marginReasonCode === undefined) {
    const shown = marginPercent === null ? `a margin of ${marginMinor}` : `a margin of ${marginPercent}%`;
    problems.push({ status: 422, field: at, message: `${what} has ${shown}, below the ${threshold}% alert threshold: placing it needs an override reason (marginReasonCode)` });
  }
  return {
    productId: product.productId, sku, quantity: request.quantity, listPriceMinor, basePriceMinor, discounts, overrides,
    unitNetPriceMinor, lineNetMinor, unitCostMinor, costMinor, marginMinor, marginPercent, marginAlert,
  };
}
