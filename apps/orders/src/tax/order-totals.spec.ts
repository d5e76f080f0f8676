import { orderTotals } from './order-totals';

describe('order totals', () => {
  it('adds exclusive tax to the total and shows inclusive tax as part of it', () => {
    const lines = [{ lineTotalMinor: 900, discountMinor: 100 }, { lineTotalMinor: 500 }, { lineTotalMinor: null }];
    expect(orderTotals(lines, 495, { taxMinor: 294n, taxStatus: 'calculated', pricesIncludeTax: false })).toEqual({
      subtotalMinor: 1500, discountMinor: 100, chargesMinor: 495, taxMinor: 294, totalMinor: 2189, pricesIncludeTax: false, taxStatus: 'calculated',
    });
    expect(orderTotals(lines, 0, { taxMinor: 243n, taxStatus: 'calculated', pricesIncludeTax: true })).toMatchObject({ taxMinor: 243, totalMinor: 1400 });
  });
});
