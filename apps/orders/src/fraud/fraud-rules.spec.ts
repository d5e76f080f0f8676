import { evaluateFraud, hasRules, type FraudRules, type OrderFacts } from './fraud-rules';

const order = (overrides: Partial<OrderFacts> = {}): OrderFacts => ({
  customerEmail: 'ann@example.com', currency: 'EUR', totalMinor: 5000, shipTo: { countryCode: 'NL', postcode: '1015 CJ' }, billTo: null,
  ordersLast24h: 0, earlierOrders: 3, ...overrides,
});

const rules: FraudRules = {
  threshold: 50,
  orderTotalAbove: { score: 40, limits: [{ currency: 'EUR', amountMinor: 100_000 }] },
  ordersPerCustomer24h: { score: 30, maxOrders: 3 },
  countryMismatch: { score: 30 },
  newCustomerTotalAbove: { score: 25, limits: [{ currency: 'EUR', amountMinor: 20_000 }] },
  blockedEmails: { score: 100, emails: ['mallory@example.com', '@spam.test'] },
  blockedPostcodes: { score: 60, postcodes: ['9999zz'] },
};

describe('fraud rules', () => {
  it('fires nothing for an ordinary order', () => {
    expect(evaluateFraud(rules, order())).toEqual({ score: 0, firedRules: [] });
  });

  it('adds the score of every rule that fires and says what it saw', () => {
    const result = evaluateFraud(rules, order({
      totalMinor: 150_000, ordersLast24h: 3, billTo: { countryCode: 'DE', postcode: '10115' }, earlierOrders: 0,
    }));
    expect(result.firedRules).toEqual([
      { rule: 'orderTotalAbove', score: 40, detail: 'total 150000 EUR is above 100000' },
      { rule: 'ordersPerCustomer24h', score: 30, detail: '4 orders in 24 hours, more than 3' },
      { rule: 'countryMismatch', score: 30, detail: 'ships to NL, billed in DE' },
      { rule: 'newCustomerTotalAbove', score: 25, detail: 'first order of the customer, 150000 EUR is above 20000' },
    ]);
    expect(result.score).toBe(125);
  });

  it('compares amounts only in a listed currency, and exactly the limit does not fire', () => {
    expect(evaluateFraud(rules, order({ currency: 'USD', totalMinor: 10_000_000 })).score).toBe(0);
    expect(evaluateFraud(rules, order({ totalMinor: 100_000 })).score).toBe(0);
  });

  it('blocks emails (case-insensitive, whole domains with @) and postcodes (case and spaces ignored), on ship-to or billing', () => {
    expect(evaluateFraud(rules, order({ customerEmail: 'Mallory@Example.com' })).firedRules.map((h) => h.rule)).toEqual(['blockedEmails']);
    expect(evaluateFraud(rules, order({ customerEmail: 'x@spam.test' })).score).toBe(100);
    expect(evaluateFraud(rules, order({ customerEmail: 'x@notspam.test' })).score).toBe(0);
    expect(evaluateFraud(rules, order({ billTo: { countryCode: 'NL', postcode: '9999 ZZ' } })).firedRules).toEqual([
      { rule: 'blockedPostcodes', score: 60, detail: 'postcode 9999 ZZ is blocked' },
    ]);
  });

  it('needs both addresses to compare countries, and knows when no rule is set', () => {
    expect(evaluateFraud(rules, order({ shipTo: null, billTo: { countryCode: 'DE', postcode: '1' } })).score).toBe(0);
    expect(hasRules({ threshold: 10 })).toBe(false);
    expect(hasRules({ threshold: 10, countryMismatch: { score: 1 } })).toBe(true);
  });
});
