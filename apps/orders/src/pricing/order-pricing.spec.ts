import { priceOrder } from './order-pricing';
import type { PricedProduct, PricingInput } from './order-pricing.types';

const coffee: PricedProduct = { productId: 'p-coffee', sku: 'COFFEE', status: 'active', prices: [{ currency: 'EUR', amountMinor: 2000 }], costPrices: [{ currency: 'EUR', amountMinor: 1200 }] };
const mug: PricedProduct = { productId: 'p-mug', sku: 'MUG', status: 'active', prices: [{ currency: 'EUR', amountMinor: 999 }] };
const policy = {
  marginAlertPercent: 20,
  reasonCodes: ['PRICE-MATCH', 'GOODWILL'],
  limits: [{ role: 'csr', maxPercentOffList: 15, maxChargeReductionPercent: 100 }, { role: 'admin', maxPercentOffList: 100, maxChargeReductionPercent: 100 }],
};

function input(overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    currency: 'EUR', lines: [{ productId: 'p-coffee', quantity: 3 }], products: new Map([[coffee.productId, coffee], [mug.productId, mug]]),
    sourceCode: null, policy, role: 'csr', placing: false, ...overrides,
  };
}

describe('priceOrder', () => {
  it('prices a plain order at list with cost and margin, and no charges', () => {
    const quote = priceOrder(input());
    expect(quote.problems).toEqual([]);
    expect(quote.lines[0]).toMatchObject({ listPriceMinor: 2000, unitNetPriceMinor: 2000, lineNetMinor: 6000, costMinor: 3600, marginMinor: 2400, marginPercent: 40, marginAlert: false, discounts: [] });
    expect(quote.charges).toEqual([{ type: 'shipping', amountMinor: 0, basis: 'none' }, { type: 'handling', amountMinor: 0, basis: 'none' }]);
    expect(quote.totals).toMatchObject({ listMinor: 6000, discountMinor: 0, linesNetMinor: 6000, chargesMinor: 0, totalMinor: 6000, costMinor: 3600, marginPercent: 40 });
  });

  it('takes a source code discount off the unit price (rounded half up) and applies its charges', () => {
    const sourceCode = { code: 'SPRING', discountPercent: 12.5, freeShipping: false, charges: [{ type: 'shipping' as const, currency: 'EUR', amountMinor: 495 }, { type: 'handling' as const, currency: 'GBP', amountMinor: 100 }] };
    const quote = priceOrder(input({ sourceCode, lines: [{ productId: 'p-mug', quantity: 2 }] }));
    // 999 × 12.5% = 124.875 → 125 off each unit
    expect(quote.lines[0]).toMatchObject({ unitNetPriceMinor: 874, lineNetMinor: 1748, discounts: [{ source: 'source-code', code: 'SPRING', percent: 12.5, amountMinor: 250 }], costMinor: null, marginAlert: false });
    expect(quote.charges).toEqual([{ type: 'shipping', amountMinor: 495, basis: 'source-code' }, { type: 'handling', amountMinor: 0, basis: 'none' }]);
    expect(quote.totals).toMatchObject({ linesNetMinor: 1748, chargesMinor: 495, totalMinor: 2243, discountMinor: 250, costMinor: null });
  });

  it('waives shipping for a free-shipping code, and a charge override replaces it with its reason', () => {
    const sourceCode = { code: 'FREESHIP', discountPercent: null, freeShipping: true, charges: [{ type: 'handling' as const, currency: 'EUR', amountMinor: 300 }] };
    const quote = priceOrder(input({ sourceCode, chargeOverrides: [{ type: 'handling', amountMinor: 0, reasonCode: 'GOODWILL' }] }));
    expect(quote.charges).toEqual([{ type: 'shipping', amountMinor: 0, basis: 'free-shipping' }, { type: 'handling', amountMinor: 0, basis: 'override' }]);
    expect(quote.overrides).toEqual([{ kind: 'charge', chargeType: 'handling', unit: 'minor', oldValue: 300, newValue: 0, reasonCode: 'GOODWILL' }]);
  });

  it('accepts a csr price override within 15% off list and records old and new values', () => {
    const quote = priceOrder(input({ lines: [{ productId: 'p-coffee', quantity: 1, priceOverride: { unitPriceMinor: 1700, reasonCode: 'PRICE-MATCH' } }] }));
    expect(quote.problems).toEqual([]);
    expect(quote.lines[0]).toMatchObject({ basePriceMinor: 1700, unitNetPriceMinor: 1700, marginPercent: 29.41 });
    expect(quote.overrides).toEqual([{ kind: 'unit-price', line: 0, unit: 'minor', oldValue: 2000, newValue: 1700, reasonCode: 'PRICE-MATCH' }]);
  });

  it('refuses a csr override beyond the limit with 403 naming the line and limit; admin may', () => {
    const lines = [{ productId: 'p-mug', quantity: 1 }, { productId: 'p-coffee', quantity: 1, discountOverride: { percent: 20, reasonCode: 'GOODWILL' } }];
    expect(priceOrder(input({ lines })).problems).toEqual([
      { status: 403, field: 'lines.1.discountOverride', message: 'line 1 (COFFEE): 20% off list by override is beyond the csr limit of 15%; needs admin' },
    ]);
    expect(priceOrder(input({ lines, role: 'admin' })).problems).toEqual([]);
  });

  it('measures the limit beyond the source code discount: a 10% code and a further 15% by a csr is within it', () => {
    const sourceCode = { code: 'TEN', discountPercent: 10, freeShipping: false, charges: [] };
    const within = priceOrder(input({ sourceCode, lines: [{ productId: 'p-coffee', quantity: 1, priceOverride: { unitPriceMinor: 1667, reasonCode: 'PRICE-MATCH' } }] }));
    expect(within.lines[0]!.unitNetPriceMinor).toBe(1500); // 1667 less 10%: 300 below the code's 1800, 15% of list
    expect(within.problems).toEqual([]);
    const beyond = priceOrder(input({ sourceCode, lines: [{ productId: 'p-coffee', quantity: 1, priceOverride: { unitPriceMinor: 1650, reasonCode: 'PRICE-MATCH' } }] }));
    expect(beyond.problems).toEqual([{ status: 403, field: 'lines.0.priceOverride', message: 'line 0 (COFFEE): 15.75% off list by override is beyond the csr limit of 15%; needs admin' }]);
  });

  it('refuses any override by a role without a limit, and an unknown reason code', () => {
    const quote = priceOrder(input({ role: 'customer', orderDiscountOverride: { percent: 5, reasonCode: 'BECAUSE' } }));
    expect(quote.problems).toEqual([
      { status: 422, field: 'orderDiscountOverride.reasonCode', message: 'reason code BECAUSE is not one of: PRICE-MATCH, GOODWILL' },
      { status: 403, field: 'orderDiscountOverride', message: 'line 0 (COFFEE): role customer may not override prices or charges' },
    ]);
  });

  it('lets a line discount override win over the order override, which wins over the source code', () => {
    const sourceCode = { code: 'TEN', discountPercent: 10, freeShipping: false, charges: [] };
    const quote = priceOrder(input({
      sourceCode, orderDiscountOverride: { percent: 5, reasonCode: 'GOODWILL' },
      lines: [{ productId: 'p-coffee', quantity: 1 }, { productId: 'p-mug', quantity: 1, discountOverride: { percent: 0, reasonCode: 'PRICE-MATCH' } }],
    }));
    expect(quote.lines.map((l) => l.unitNetPriceMinor)).toEqual([1900, 999]);
    expect(quote.overrides).toEqual([
      { kind: 'line-discount', line: 1, unit: 'percent', oldValue: 5, newValue: 0, reasonCode: 'PRICE-MATCH' },
      { kind: 'order-discount', unit: 'percent', oldValue: 10, newValue: 5, reasonCode: 'GOODWILL' },
    ]);
  });

  it('flags a line under the margin threshold; placing it needs an override reason', () => {
    const lines = [{ productId: 'p-coffee', quantity: 2, priceOverride: { unitPriceMinor: 1450, reasonCode: 'PRICE-MATCH' } }];
    const low = priceOrder(input({ lines, role: 'admin', placing: true }));
    expect(low.lines[0]).toMatchObject({ marginPercent: 17.24, marginAlert: true });
    expect(low.marginAlert).toBe(true);
    expect(low.problems).toEqual([]); // the override carries a reason

    const atList = { ...coffee, costPrices: [{ currency: 'EUR', amountMinor: 1700 }] };
    const products = new Map([[coffee.productId, atList]]);
    expect(priceOrder(input({ products })).problems).toEqual([]); // a quote only flags it
    expect(priceOrder(input({ products, placing: true })).problems).toEqual([
      { status: 422, field: 'lines.0', message: 'line 0 (COFFEE) has a margin of 15%, below the 20% alert threshold: placing it needs an override reason (marginReasonCode)' },
    ]);
    const accepted = priceOrder(input({ products, placing: true, lines: [{ productId: 'p-coffee', quantity: 3, marginReasonCode: 'GOODWILL' }] }));
    expect(accepted.problems).toEqual([]);
    expect(accepted.overrides).toEqual([{ kind: 'margin-accepted', line: 0, unit: 'percent', oldValue: 20, newValue: 15, reasonCode: 'GOODWILL' }]);
  });

  it('reports unknown products, retired ones and missing prices per line', () => {
    const retired = { ...mug, productId: 'p-old', status: 'retired' };
    const quote = priceOrder(input({ currency: 'GBP', products: new Map([[coffee.productId, coffee], [retired.productId, retired]]), lines: [{ productId: 'nope', quantity: 1 }, { productId: 'p-old', quantity: 1 }, { productId: 'p-coffee', quantity: 1 }] }));
    expect(quote.problems.map((p) => [p.field, p.message])).toEqual([
      ['lines.0.productId', 'product nope is not in the catalog'], ['lines.1.productId', 'product MUG is retired'], ['lines.2.productId', 'product COFFEE has no GBP price'],
    ]);
  });

  it('refuses a charge overridden twice and a charge cut beyond the role limit', () => {
    const limited = { ...policy, limits: [{ role: 'csr', maxPercentOffList: 15, maxChargeReductionPercent: 50 }] };
    const sourceCode = { code: 'SHIP', discountPercent: null, freeShipping: false, charges: [{ type: 'shipping' as const, currency: 'EUR', amountMinor: 1000 }] };
    const quote = priceOrder(input({ policy: limited, sourceCode, chargeOverrides: [{ type: 'shipping', amountMinor: 0, reasonCode: 'GOODWILL' }, { type: 'shipping', amountMinor: 500, reasonCode: 'GOODWILL' }] }));
    expect(quote.problems.map((p) => [p.status, p.field])).toEqual([[422, 'chargeOverrides.1.type'], [403, 'chargeOverrides.0.amountMinor']]);
  });
});
