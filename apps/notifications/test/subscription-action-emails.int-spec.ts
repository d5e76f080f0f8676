import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { fixtures, Topics, type EventEnvelope } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { publishTestEvents } from '@oms/testing';
import { handled, mailsFor, prismaOf, resetNotifications, sleep, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

const CUSTOMER = { sub: 'cust-actions', role: 'customer' };
const SCHEDULER = { sub: 'system:subscriptions', role: 'system' };

describe('subscription action emails', () => {
  const clock = new ControllableClock(new Date('2026-03-01T08:00:00Z'));
  let sink: MailSink;
  let app: INestApplication;

  beforeAll(async () => {
    sink = await startSink();
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock });
  });
  beforeEach(async () => resetNotifications(app));
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  const fresh = () => {
    const id = randomUUID();
    return { subscriptionId: id, customerId: CUSTOMER.sub, customerEmail: `${id.slice(0, 8)}@example.com`, timeZone: 'Europe/Amsterdam', actor: CUSTOMER };
  };
  // 22:30 UTC on 31 March is 00:30 on 1 April in Amsterdam: the emails name the subscription's day.
  const cycle = (subscriptionId: string, dueAt = '2026-03-31T22:30:00.000Z') => ({ cycleIndex: 2, cycleKey: `sub:${subscriptionId}:cycle:2`, dueAt });
  const mailsOf = async (events: EventEnvelope[]) => {
    const ids = new Set(events.map((e) => e.id));
    return (await sink.messages()).filter((m) => ids.has(m.headers['x-oms-event'] as string));
  };

  it('confirms each action request with exactly one email in the subscription\'s time zone; a redelivery sends none more', async () => {
    const sub = fresh();
    const nextDueAt = '2026-04-30T22:30:00.000Z';
    const actions: Array<[EventEnvelope, string]> = [
      [fixtures.subscriptionPaused({ ...sub, pausedFrom: '2026-03-10', resumeOn: '2026-05-01' }), 'Your subscription is paused from Tuesday, 10 March 2026'],
      [fixtures.subscriptionResumed({ ...sub, resumedOn: '2026-03-20', nextDueAt }), 'Your subscription resumes on Friday, 20 March 2026'],
      [fixtures.subscriptionCycleSkipped({ ...sub, cycle: cycle(sub.subscriptionId), nextDueAt }), 'Your delivery of Wednesday, 1 April 2026 is skipped'],
      [fixtures.subscriptionCycleUnskipped({ ...sub, cycle: cycle(sub.subscriptionId) }), 'Your delivery of Wednesday, 1 April 2026 is back on'],
      [
        fixtures.subscriptionCycleRescheduled({ ...sub, cycle: { ...cycle(sub.subscriptionId, '2026-04-03T07:00:00.000Z'), previousDueAt: '2026-03-31T22:30:00.000Z' } }),
        'Your delivery moves to Friday, 3 April 2026',
      ],
      [fixtures.subscriptionChanged({ ...sub, changedFields: ['frequency', 'shipTo'], fromCycleIndex: 3, nextDueAt }), 'Your subscription has changed'],
      [fixtures.subscriptionCancelScheduled({ ...sub, cancelAt: nextDueAt, firstCancelledCycle: 4 }), 'Your subscription ends on Friday, 1 May 2026'],
      [fixtures.subscriptionReactivated({ ...sub, withdrawnCancelAt: nextDueAt, nextDueAt }), 'Your subscription continues'],
      [fixtures.subscriptionCancelled({ ...sub, when: 'now', cancelledAt: '2026-03-25T09:00:00.000Z' }), 'Your subscription is cancelled'],
    ];
    const events = actions.map(([event]) => event);
    await publishTestEvents(Topics.subscriptionLifecycle, events);

    const mails = await mailsFor(sink, (m) => m.to.includes(sub.customerEmail), actions.length);
    expect(mails.map((m) => [m.headers['x-oms-event'], m.subject]).sort()).toEqual(actions.map(([e, subject]) => [e.id, subject]).sort());
    expect(mails.every((m) => m.headers['x-oms-template'] === 'subscription-action')).toBe(true);
    const byEvent = (event: EventEnvelope) => mails.find((m) => m.headers['x-oms-event'] === event.id)!;
    expect(byEvent(events[0]!).text).toContain('It resumes by itself on Friday, 1 May 2026.');
    expect(byEvent(events[2]!).text).toContain('We skip the order of Wednesday, 1 April 2026 at 00:30 (Europe/Amsterdam)');
    expect(byEvent(events[2]!).text).toContain('Your next order is placed on Friday, 1 May 2026 at 00:30 (Europe/Amsterdam).');
    expect(byEvent(events[4]!).text).toContain('that was due on Wednesday, 1 April 2026 at 00:30 (Europe/Amsterdam) is now placed on Friday, 3 April 2026 at 09:00 (Europe/Amsterdam)');
    expect(byEvent(events[5]!).text).toContain('We changed how often it is delivered, its delivery address of subscription');

    // The same events again (a redelivery after a crash), then a sentinel behind them on the same key.
    await publishTestEvents(Topics.subscriptionLifecycle, events);
    const sentinel = fixtures.subscriptionCycleSkipped({ ...sub, cycle: cycle(sub.subscriptionId, '2026-05-31T22:30:00.000Z') });
    await publishTestEvents(Topics.subscriptionLifecycle, [sentinel]);
    await mailsFor(sink, (m) => m.headers['x-oms-event'] === sentinel.id);
    await sleep(1000); // a doubled email would arrive within a few dispatch rounds
    expect(await mailsOf(events)).toHaveLength(actions.length);
    expect(await (await prismaOf(app)).message.count({ where: { subscriptionId: sub.subscriptionId } })).toBe(actions.length + 1);
  });

  it('tells of a line skip naming the products left out', async () => {
    const sub = fresh();
    const lines = [{ lineId: 'l-1', productId: randomUUID(), sku: 'COFFEE-1KG', quantity: 1 }, { lineId: 'l-2', productId: randomUUID(), sku: 'FILTERS-100', quantity: 2 }];
    const skipped = fixtures.subscriptionCycleSkipped({ ...sub, lines, cycle: { ...cycle(sub.subscriptionId), skippedLineIds: ['l-2'] } });
    await publishTestEvents(Topics.subscriptionLifecycle, [skipped]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === skipped.id);
    expect(mail!.subject).toBe('Some products are left out of your delivery of Wednesday, 1 April 2026');
    expect(mail!.text).toContain('We leave FILTERS-100 out of the order of Wednesday, 1 April 2026 at 00:30 (Europe/Amsterdam) only.');
  });

  it('sends nothing for the scheduler\'s own transitions, but tells the customer when a period-end cancel takes effect', async () => {
    const sub = fresh();
    const pauseStarts = fixtures.subscriptionPaused({ ...sub, actor: SCHEDULER, pausedFrom: '2026-03-10' });
    const autoResume = fixtures.subscriptionResumed({ ...sub, actor: SCHEDULER, resumedOn: '2026-04-01' });
    const takesEffect = fixtures.subscriptionCancelled({ ...sub, actor: SCHEDULER, when: 'period-end', cancelledAt: '2026-04-30T22:30:00.000Z' });
    await publishTestEvents(Topics.subscriptionLifecycle, [pauseStarts, autoResume, takesEffect]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-event'] === takesEffect.id);
    expect(mail).toMatchObject({ to: [sub.customerEmail], subject: 'Your subscription has ended' });
    expect(mail!.text).toContain('ended on Friday, 1 May 2026 at 00:30 (Europe/Amsterdam), as you asked');
    await handled(app, autoResume.id);
    await sleep(1000);
    expect(await mailsOf([pauseStarts, autoResume])).toEqual([]);
    expect(await (await prismaOf(app)).message.count({ where: { subscriptionId: sub.subscriptionId } })).toBe(1);
  });
});
