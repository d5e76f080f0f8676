import { withAgreedPrices } from './agreed-prices';
import { priceLines, type PricingProduct } from './line-pricing';

const product = (productId: string, amountMinor: number | null): PricingProduct => ({
  productId, sku: productId.toUpperCase(), status: 'active', prices: amountMinor === null ? [] : [{ currency: 'EUR', amountMinor }],
});

describe('agreed prices of a due cycle (continuity program steps)', () => {
  const products = new Map([['light', product('light', 1999)], ['dark', product('dark', null)], ['mug', product('mug', 900)]]);

  it('prices a line at its agreed unit price instead of the list price, leaving other lines at list price', () => {
    const requested = [{ productId: 'light', quantity: 2, unitPriceMinor: 499 }, { productId: 'mug', quantity: 1 }];
    const pricing = withAgreedPrices(priceLines(requested, products, 'EUR', { allowRetired: true }), requested);
    expect(pricing.lines.map((l) => [l.sku, l.unitPriceMinor, l.lineTotalMinor])).toEqual([['LIGHT', 499, 998], ['MUG', 900, 900]]);
    expect(pricing.totalMinor).toBe(1898);
    expect(pricing.problems).toEqual([]);
  });

  it('an agreed price settles a missing list price; a line without one still reports it', () => {
    const requested = [{ productId: 'dark', quantity: 1, unitPriceMinor: 0 }, { productId: 'ghost', sku: 'GHOST', quantity: 1 }];
    const pricing = withAgreedPrices(priceLines(requested, products, 'EUR', { allowRetired: true }), requested);
    expect(pricing.lines.map((l) => l.unitPriceMinor)).toEqual([0, null]);
    expect(pricing.problems).toEqual([{ index: 1, message: 'product GHOST is not in the catalog' }]);
  });
});
