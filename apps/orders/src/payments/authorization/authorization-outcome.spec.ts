import type { PaymentMethod } from '../../generated/prisma/client';
import { authorizationEntry, authorizedNote, noPaymentMethod } from './authorization-outcome';

describe('authorization outcome', () => {
  const card = { id: 'pm-1', brand: 'visa', last4: '4242' } as PaymentMethod;

  it('writes an approved attempt as a succeeded row with the provider reference and no failure', () => {
    expect(authorizationEntry(10015, { attempt: 2, method: card, outcome: { approved: true, reference: 'tp_auth_1' } })).toEqual({
      type: 'authorization', status: 'succeeded', amountMinor: 10015, method: card, providerReference: 'tp_auth_1', attempt: 2,
    });
  });

  it('writes a declined attempt as a failed row with the typed code and message and no reference', () => {
    expect(authorizationEntry(500, { attempt: 1, method: card, outcome: { approved: false, code: 'insufficient-funds', message: 'insufficient funds' } })).toEqual({
      type: 'authorization', status: 'failed', amountMinor: 500, method: card, providerReference: null, attempt: 1,
      failureCode: 'insufficient-funds', failureMessage: 'insufficient funds',
    });
  });

  it('refuses an attempt without a card as no-payment-method, naming the customer, with no card on the row', () => {
    const outcome = noPaymentMethod('cust-paul');
    expect(outcome).toEqual({ approved: false, code: 'no-payment-method', message: 'customer cust-paul has no stored card' });
    expect(authorizationEntry(700, { attempt: 3, method: null, outcome })).toMatchObject({ status: 'failed', method: null, failureCode: 'no-payment-method', attempt: 3 });
  });

  it('says which attempt cleared the payment hold', () => {
    expect(authorizedNote(4)).toBe('payment authorized (attempt 4)');
  });
});
