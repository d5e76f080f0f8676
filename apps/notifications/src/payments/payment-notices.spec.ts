import { fixtures } from '@oms/contracts';
import { paymentNotices } from './payment-notices';

const contact = { customerEmail: null, timeZone: 'Europe/Amsterdam' };
const failed = (dunning: object, extra: object = {}) =>
  fixtures.paymentAuthorizationFailed({ dunning: { failedAttempts: 1, retries: 3, finalAction: 'pause', ...dunning } as never, ...extra });

describe('payment notices (dunning emails)', () => {
  it('a failed try says which order, what failed, the card, attempt k of n, the next try in the subscription zone and how to update the card', () => {
    const [draft, ...rest] = paymentNotices(failed({ nextAttemptAt: '2025-03-02T08:00:00.000Z' }), contact);
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({ template: 'payment-failed', recipient: 'ann@example.com', orderId: fixtures.paymentAuthorizationFailed().data.orderId });
    expect(draft!.mail.subject).toBe('Payment for order SO-2025-000123 failed: we will try again');
    expect(draft!.mail.text).toContain('We could not take the payment of EUR 37.98 for your order SO-2025-000123 with your Visa ending 4242: your bank declined it for insufficient funds.');
    expect(draft!.mail.text).toContain('This was attempt 1 of 4.');
    expect(draft!.mail.text).toContain('We will try again on Sunday, 2 March 2025 at 09:00 (Europe/Amsterdam).');
    expect(draft!.mail.text).toContain('add a new one under Payment methods');
  });

  it.each([
    ['pause', 'subscription paused', 'your subscription is paused'],
    ['cancel', 'subscription cancelled', 'your subscription is cancelled'],
    ['skip', 'delivery skipped', 'this delivery is skipped'],
  ])('the last failed try (final action %s) says what happens now', (finalAction, subject, says) => {
    const [draft] = paymentNotices(failed({ failedAttempts: 4, finalAction }, { attempt: 4 }), { customerEmail: null, timeZone: null });
    expect(draft!.mail.subject).toBe(`Payment for order SO-2025-000123 failed: ${subject}`);
    expect(draft!.mail.text).toContain('This was attempt 4 of 4.');
    expect(draft!.mail.text).toContain(says);
  });

  it('sends nothing for one-off orders or failures without a dunning step; a success after failures is a separate template', () => {
    expect(paymentNotices(failed({}, { cycleKey: undefined, subscriptionId: undefined, cycleIndex: undefined }), contact)).toEqual([]);
    expect(paymentNotices(fixtures.paymentAuthorizationFailed({ dunning: undefined }), contact)).toEqual([]);
    expect(paymentNotices(fixtures.paymentAuthorized(), contact)).toEqual([]); // first try approved
    const [recovered] = paymentNotices(fixtures.paymentAuthorized({ attempt: 3 }), contact);
    expect(recovered).toMatchObject({ template: 'payment-recovered' });
    expect(recovered!.mail.subject).toBe('Payment for order SO-2025-000123 went through');
  });

  it('addresses the order read model when the event has no email, and escapes HTML', () => {
    const [draft] = paymentNotices(failed({ nextAttemptAt: '2025-03-02T08:00:00.000Z' }, { customerEmail: undefined, cardLabel: 'Visa <b>' }), { customerEmail: 'read@example.com', timeZone: null });
    expect(draft!.recipient).toBe('read@example.com');
    expect(draft!.mail.html).toContain('Visa &lt;b&gt;');
    expect(draft!.mail.text).toContain('(UTC)');
  });
});
