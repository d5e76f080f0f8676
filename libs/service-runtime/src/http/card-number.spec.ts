import { cardNumberErrors, looksLikeCardNumber, luhnValid, maskCardNumbers } from './card-number';

describe('card numbers (PAN) in input', () => {
  it.each(['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '378282246310005', '6011111111111117', 'card 5555 5555 5555 4444 exp 12/29', '4000056655665556', '4111 1111 1111 1111 2029'])(
    'finds %s',
    (text) => expect(looksLikeCardNumber(text)).toBe(true),
  );

  it.each(['4111111111111112', '123456789012', 'SO-000042', '+31 20 123 4567', 'tok_decline_first_2', '2026-03-01T09:00:00Z', '1234 AB', 'ec503120-2953-410e-84e5-a94538cf6af5', '12345678-1234-4123-8123-123456789012', 'ab4111111111111111'])(
    'lets %s pass',
    (text) => expect(looksLikeCardNumber(text)).toBe(false),
  );

  it('checks the Luhn digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('names each field by path, numbers included, never the value', () => {
    const errors = cardNumberErrors({ customerName: 'Ann', lines: [{ note: '4111 1111 1111 1111' }], po: 4111111111111111 });
    expect(errors.map((e) => e.field)).toEqual(['lines.0.note', 'po']);
    expect(JSON.stringify(errors)).not.toContain('4111');
  });

  it('masks card numbers in log text and leaves other digits', () => {
    expect(maskCardNumbers('/orders?search=4111%201111&q=4111111111111111&n=SO-000042')).toBe('/orders?search=4111%201111&q=[card number removed]&n=SO-000042');
  });
});
