import { priceLines, pricingHoldReason, type PricingProduct } from './line-pricing';

const product = (productId: string, status = 'active'): PricingProduct => ({
  productId, sku: `SKU-${productId}`, status, prices: [{ currency: 'EUR', amountMinor: 250 }, { currency: 'USD', amountMinor: 300 }],
});
const catalog = new Map([['a', product('a')], ['r', product('r', 'retired')]]);

describe('priceLines', () => {
  it('prices each line in the currency and totals them', () => {
    const pricing = priceLines([{ productId: 'a', quantity: 3 }], catalog, 'USD', { allowRetired: false });
    expect(pricing).toEqual({ lines: [{ productId: 'a', sku: 'SKU-a', quantity: 3, unitPriceMinor: 300, lineTotalMinor: 900 }], totalMinor: 900, problems: [] });
  });

  it('leaves unpriceable lines unpriced and names each problem by line index', () => {
    const pricing = priceLines(
      [{ productId: 'a', quantity: 1 }, { productId: 'x', sku: 'GHOST', quantity: 2 }, { productId: 'r', quantity: 1 }, { productId: 'a', quantity: 1 }],
      catalog, 'GBP', { allowRetired: false },
    );
    expect(pricing.totalMinor).toBe(0);
    expect(pricing.lines.map((l) => l.unitPriceMinor)).toEqual([null, null, null, null]);
    expect(pricing.problems).toEqual([
      { index: 0, message: 'product SKU-a has no GBP price' },
      { index: 1, message: 'product GHOST is not in the catalog' },
      { index: 2, message: 'product SKU-r is retired' },
      { index: 3, message: 'product SKU-a has no GBP price' },
    ]);
    expect(pricingHoldReason(pricing.problems.slice(1, 2))).toBe('pricing: product GHOST is not in the catalog');
  });

  it('prices retired products for existing subscriptions when allowed', () => {
    expect(priceLines([{ productId: 'r', quantity: 2 }], catalog, 'EUR', { allowRetired: true }).totalMinor).toBe(500);
  });
});
