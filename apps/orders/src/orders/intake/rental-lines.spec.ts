import { lineKind, withRentalKinds } from './rental-lines';

describe('rental line kinds', () => {
  it('makes cycle 0 of a rental the rental order and every later cycle a fee', () => {
    expect(lineKind({ type: 'rental' }, 0)).toBe('rental');
    expect(lineKind({ type: 'rental' }, 1)).toBe('rental-fee');
    expect(lineKind({ type: 'rental' }, 7)).toBe('rental-fee');
  });

  it('leaves goods (and unknown products) goods', () => {
    expect(lineKind({ type: 'goods' }, 0)).toBe('goods');
    expect(lineKind(undefined, 3)).toBe('goods');
  });

  it('keeps each line its subscription line id', () => {
    const priced = [{ productId: 'p1', sku: 'BIKE', quantity: 1, unitPriceMinor: 2500, lineTotalMinor: 2500 }];
    expect(withRentalKinds(priced, [{ lineId: 'l1' }], new Map([['p1', { type: 'rental' }]]), 2)).toEqual([{ ...priced[0], kind: 'rental-fee', subscriptionLineId: 'l1' }]);
  });
});
