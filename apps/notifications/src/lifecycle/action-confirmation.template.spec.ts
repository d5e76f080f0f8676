import { EventTypes, fixtures } from '@oms/contracts';
import { actionConfirmation } from './action-confirmation';
import { formatLocalDate, renderActionConfirmation } from './action-confirmation.template';

const customer = { sub: 'cust-1', role: 'customer' };

describe('action confirmation emails', () => {
  it('prints instants in the subscription\'s zone and local dates as given', () => {
    const skipped = fixtures.subscriptionCycleSkipped({ timeZone: 'America/New_York', cycle: { cycleIndex: 2, cycleKey: 'sub:s:cycle:2', dueAt: '2026-03-01T03:00:00.000Z' } }).data;
    const mail = renderActionConfirmation(EventTypes.subscriptionCycleSkipped, skipped);
    expect(mail.subject).toBe('Your delivery of Saturday, 28 February 2026 is skipped'); // 22:00 the day before in New York
    expect(mail.text).toContain('Saturday, 28 February 2026 at 22:00 (America/New_York)');
    expect(formatLocalDate('2026-03-29')).toBe('Sunday, 29 March 2026');
  });

  it('says UTC when the zone is not known, and escapes what the event carries in the HTML', () => {
    const changed = fixtures.subscriptionChanged({ subscriptionId: '<b>sub</b>', timeZone: undefined, nextDueAt: '2026-04-01T06:00:00.000Z' }).data;
    const mail = renderActionConfirmation(EventTypes.subscriptionChanged, changed);
    expect(mail.text).toContain('Wednesday, 1 April 2026 at 06:00 (UTC)');
    expect(mail.html).toContain('&lt;b&gt;sub&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>sub</b>');
  });

  it('confirms requests, not the scheduler\'s own transitions, except a period-end cancel taking effect', () => {
    const system = { sub: 'system:subscriptions', role: 'system' };
    expect(actionConfirmation(fixtures.subscriptionPaused({ actor: customer }))).toMatchObject({ template: 'subscription-action' });
    expect(actionConfirmation(fixtures.subscriptionPaused({ actor: system }))).toBeNull();
    expect(actionConfirmation(fixtures.subscriptionCancelled({ actor: system, when: 'period-end' }))!.mail.subject).toBe('Your subscription has ended');
    expect(actionConfirmation(fixtures.subscriptionCancelled({ actor: customer, when: 'now' }))!.mail.subject).toBe('Your subscription is cancelled');
    expect(actionConfirmation(fixtures.subscriptionCreated({ actor: customer }))).toBeNull(); // not an action request
  });
});
