import { PaymentTimeoutError } from './payment-provider';
import { TestPaymentProvider } from './test-payment.provider';

describe('embedded test payment provider', () => {
  const provider = new TestPaymentProvider();
  const authorize = (token: string, attempt = 1) => provider.authorize({ token, amountMinor: 1999, currency: 'EUR', attempt, idempotencyKey: `order-1:auth:${attempt}` });

  it('approves tok_approve (any __suffix) with a reference stable per idempotency key', async () => {
    const first = await authorize('tok_approve');
    expect(first).toEqual({ approved: true, reference: expect.stringMatching(/^tp_auth_[0-9a-f]{24}$/) });
    expect(await authorize('tok_approve__ann')).toEqual(first);
  });

  it('declines by token with a typed code', async () => {
    expect(await authorize('tok_decline_insufficient_funds')).toMatchObject({ approved: false, code: 'insufficient-funds' });
    expect(await authorize('tok_decline_fraud')).toMatchObject({ approved: false, code: 'suspected-fraud' });
    expect(await authorize('pm_unknown')).toMatchObject({ approved: false, code: 'card-declined' });
  });

  it('declines the first N attempts of tok_decline_first_N, then approves', async () => {
    expect(await authorize('tok_decline_first_2', 1)).toMatchObject({ approved: false });
    expect(await authorize('tok_decline_first_2', 2)).toMatchObject({ approved: false });
    expect(await authorize('tok_decline_first_2', 3)).toMatchObject({ approved: true });
  });

  it('times out tok_timeout', async () => {
    await expect(authorize('tok_timeout')).rejects.toBeInstanceOf(PaymentTimeoutError);
  });

  it('captures, voids and refunds its own authorizations only', async () => {
    const request = { reference: 'tp_auth_abc', amountMinor: 1999, currency: 'EUR', idempotencyKey: 'order-1:capture' };
    expect(await provider.capture(request)).toMatchObject({ approved: true, reference: expect.stringMatching(/^tp_capture_/) });
    expect(await provider.refund({ ...request, idempotencyKey: 'r1' })).toMatchObject({ approved: true });
    expect(await provider.void({ reference: 'ch_other', idempotencyKey: 'v1' })).toMatchObject({ approved: false, code: 'provider-error' });
  });
});
