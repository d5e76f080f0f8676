import { calculateTax, findRate, taxDay, taxOfAmount, type TaxRateEntry } from './tax-calculation';
import { percentToPpm, ppmToPercent } from './tax-percent';

const rate = (taxCode: string, countryCode: string, regionCode: string | null, percent: string, validFrom = '2020-01-01', validTo: string | null = null): TaxRateEntry =>
  ({ taxCode, countryCode, regionCode, ratePpm: percentToPpm(percent), validFrom, validTo });

const RATES = [
  rate('standard', 'NL', null, '21'),
  rate('reduced', 'NL', null, '9'),
  rate('standard', 'DE', null, '19', '2020-01-01', '2026-06-30'),
  rate('standard', 'DE', null, '16', '2026-07-01'),
  rate('standard', 'US', 'CA', '7.25'),
  rate('standard', 'US', 'NY', '8.875'),
];

describe('tax percentages', () => {
  it('reads up to four decimals exactly as millionths and prints four decimals', () => {
    expect(percentToPpm('21')).toBe(210_000);
    expect(percentToPpm('8.875')).toBe(88_750);
    expect(percentToPpm('0.0001')).toBe(1);
    expect(percentToPpm('100.0000')).toBe(1_000_000);
    expect(ppmToPercent(88_750)).toBe('8.8750');
    expect(ppmToPercent(1)).toBe('0.0001');
    expect(() => percentToPpm('8.87501')).toThrow(RangeError);
    expect(() => percentToPpm('100.5')).toThrow(RangeError);
  });
});

describe('sales tax', () => {
  const exclusive = { rates: RATES, onDay: '2026-03-01', pricesIncludeTax: false };

  it('taxes the same lines differently in two regions', () => {
    const amounts = [{ taxCode: 'standard', amountMinor: 1000n }, { taxCode: 'reduced', amountMinor: 500n }];
    const nl = calculateTax({ ...exclusive, amounts, shipTo: { countryCode: 'NL' } });
    expect(nl.amounts.map((a) => a.taxMinor)).toEqual([210n, 45n]);
    expect(nl).toMatchObject({ taxMinor: 255n, taxStatus: 'calculated' });
    const de = calculateTax({ ...exclusive, amounts: [amounts[0]!], shipTo: { countryCode: 'DE' } });
    expect(de).toMatchObject({ taxMinor: 190n, taxStatus: 'calculated' });
  });

  it('applies the rate valid on the order day: the old one up to validTo, the new one from validFrom', () => {
    const amounts = [{ taxCode: 'standard', amountMinor: 10_000n }];
    const at = (onDay: string) => calculateTax({ ...exclusive, onDay, amounts, shipTo: { countryCode: 'DE' } }).taxMinor;
    expect(at('2026-06-30')).toBe(1900n);
    expect(at('2026-07-01')).toBe(1600n);
    expect(at('2019-12-31')).toBe(0n);
    expect(taxDay(new Date('2026-06-30T23:59:59.999Z'))).toBe('2026-06-30');
  });

  it('uses the state rate for a state, case-insensitively, and the country rate where no state rate exists', () => {
    const withCountry = [...RATES, rate('standard', 'US', null, '5')];
    expect(findRate(withCountry, 'standard', { countryCode: 'US', region: ' ny ' }, '2026-03-01')?.ratePpm).toBe(88_750);
    expect(findRate(withCountry, 'standard', { countryCode: 'US', region: 'TX' }, '2026-03-01')?.ratePpm).toBe(50_000);
    expect(findRate(RATES, 'standard', { countryCode: 'US', region: 'TX' }, '2026-03-01')).toBeUndefined();
    const ny = calculateTax({ ...exclusive, amounts: [{ taxCode: 'standard', amountMinor: 2000n }], shipTo: { countryCode: 'US', region: 'NY' } });
    expect(ny.amounts[0]).toEqual({ ratePpm: 88_750, taxMinor: 178n, netMinor: 2000n, grossMinor: 2178n }); // 177.5 rounds up
  });

  it('takes tax out of inclusive prices and adds it to exclusive ones', () => {
    expect(taxOfAmount(1210n, 210_000, true)).toEqual({ ratePpm: 210_000, taxMinor: 210n, netMinor: 1000n, grossMinor: 1210n });
    expect(taxOfAmount(1000n, 210_000, false)).toEqual({ ratePpm: 210_000, taxMinor: 210n, netMinor: 1000n, grossMinor: 1210n });
    expect(taxOfAmount(999n, 90_000, true)).toEqual({ ratePpm: 90_000, taxMinor: 82n, netMinor: 917n, grossMinor: 999n }); // 82.486 -> 82
  });

  it('rounds each line half up in minor units and sums the rounded line taxes', () => {
    // 3 lines of 0.50 at 21%: each 10.5 cents -> 11; a tax of the sum would be 31.5 -> 32, the lines give 33.
    const amounts = Array.from({ length: 3 }, () => ({ taxCode: 'standard', amountMinor: 50n }));
    const result = calculateTax({ ...exclusive, amounts, shipTo: { countryCode: 'NL' } });
    expect(result.amounts.map((a) => a.taxMinor)).toEqual([11n, 11n, 11n]);
    expect(result.taxMinor).toBe(33n);
    expect(taxOfAmount(2n, 210_000, false).taxMinor).toBe(0n); // 0.42 -> 0
    expect(taxOfAmount(12n, 250_000, false).taxMinor).toBe(3n); // exactly 3
    expect(taxOfAmount(10n, 250_000, false).taxMinor).toBe(3n); // 2.5 -> 3
  });

  it('says why when it cannot tax: no ship-to, or no rate for a line', () => {
    const amounts = [{ taxCode: 'standard', amountMinor: 1000n }, { taxCode: 'luxury', amountMinor: 1000n }];
    const noAddress = calculateTax({ ...exclusive, amounts, shipTo: null });
    expect(noAddress).toMatchObject({ taxMinor: 0n, taxStatus: 'no-ship-to' });
    expect(noAddress.amounts.every((a) => a.ratePpm === null && a.grossMinor === 1000n)).toBe(true);
    const partly = calculateTax({ ...exclusive, amounts, shipTo: { countryCode: 'NL' } });
    expect(partly).toMatchObject({ taxMinor: 210n, taxStatus: 'no-rate' });
    expect(partly.amounts[1]).toEqual({ ratePpm: null, taxMinor: 0n, netMinor: 1000n, grossMinor: 1000n });
  });
});
