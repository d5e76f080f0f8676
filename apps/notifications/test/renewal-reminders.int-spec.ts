import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, fixtures, Topics, type MessageOutcomeV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents, waitFor } from '@oms/testing';
import type { PrismaService } from '../src/database/prisma.service';
import { reminderEventId } from '../src/reminders/reminder-event-id';
import { handled, mailsFor, prismaOf, resetNotifications, sleep, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

describe('renewal reminders', () => {
  const start = new Date('2026-03-01T08:00:00Z');
  const clock = new ControllableClock(start);
  let sink: MailSink;
  let app: INestApplication;
  let prisma: PrismaService;
  let outcomes: EventCollector;

  beforeAll(async () => {
    outcomes = await EventCollector.start([Topics.message]);
    sink = await startSink();
    app = await startNotifications({ smtpUrl: sink.smtpUrl, clock });
    prisma = await prismaOf(app);
  });
  beforeEach(async () => {
    await resetNotifications(app);
    clock.set(start);
  });
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
    await outcomes?.stop();
  });

  const fresh = () => ({ subscriptionId: randomUUID(), customerId: `cust-${randomUUID().slice(0, 8)}`, customerEmail: `${randomUUID().slice(0, 8)}@example.com` });
  const remindersOf = (subscriptionId: string) => prisma.reminder.findMany({ where: { subscriptionId }, orderBy: { cycleDueAt: 'asc' } });
  const mailOf = (subscriptionId: string) => async () =>
    (await sink.messages()).filter((m) => m.headers['x-oms-template'] === 'renewal-reminder' && m.text.includes(subscriptionId));

  it('sends the reminder when the clock passes send time, not before, and only once', async () => {
    const sub = fresh();
    const created = fixtures.subscriptionCreated({ ...sub, status: 'active', nextDueAt: '2026-03-15T09:00:00.000Z', timeZone: 'Europe/Amsterdam' });
    await publishTestEvents(Topics.subscriptionLifecycle, [created]);
    await handled(app, created.id);
    expect(await remindersOf(sub.subscriptionId)).toMatchObject([{ status: 'scheduled', sendAt: new Date('2026-03-12T09:00:00Z') }]);

    clock.set(new Date('2026-03-12T08:59:59.999Z'));
    await sleep(800); // several dispatch rounds
    expect(await mailOf(sub.subscriptionId)()).toEqual([]);
    expect(await prisma.message.count({ where: { subscriptionId: sub.subscriptionId } })).toBe(0);

    clock.set(new Date('2026-03-12T09:00:00Z'));
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-template'] === 'renewal-reminder' && m.text.includes(sub.subscriptionId));
    expect(mail).toMatchObject({ to: [sub.customerEmail], subject: 'Your subscription renews on Sunday, 15 March 2026' });
    expect(mail!.text).toContain('renews on Sunday, 15 March 2026 at 10:00 (Europe/Amsterdam)'); // the subscription's zone, not UTC
    const eventId = reminderEventId(sub.subscriptionId, new Date('2026-03-15T09:00:00Z'));
    expect(mail!.headers['x-oms-event']).toBe(eventId);
    const sent = await outcomes.waitFor((e) => e.type === EventTypes.messageSent && (e.data as MessageOutcomeV1).relatedEventId === eventId);
    expect(sent[0]!.data).toMatchObject({ template: 'renewal-reminder', subscriptionId: sub.subscriptionId, customerId: sub.customerId });
    expect(sent[0]!.correlationid).toBe(created.correlationid);

    // The same cycle announced again (activation, or the due-order event of the cycle before) sends nothing more.
    const activated = fixtures.subscriptionActivated({ ...sub, nextDueAt: '2026-03-15T09:00:00.000Z' });
    await publishTestEvents(Topics.subscriptionLifecycle, [activated]);
    await handled(app, activated.id);
    clock.set(new Date('2026-03-14T00:00:00Z'));
    await sleep(800);
    expect(await mailOf(sub.subscriptionId)()).toHaveLength(1);
    expect(await remindersOf(sub.subscriptionId)).toMatchObject([{ status: 'queued' }]);
  });

  it('plans the next cycle from a due-order event; a pause cancels it and a resume plans it again', async () => {
    const sub = fresh();
    const due = fixtures.orderDue({ ...sub, cycleIndex: 0, cycleKey: `sub:${sub.subscriptionId}:cycle:0`, dueAt: '2026-03-01T06:00:00.000Z', nextDueAt: '2026-04-01T06:00:00.000Z' });
    await publishTestEvents(Topics.orderDue, [due]);
    await handled(app, due.id);
    expect(await remindersOf(sub.subscriptionId)).toMatchObject([{ status: 'scheduled', sendAt: new Date('2026-03-29T06:00:00Z'), customerEmail: sub.customerEmail }]);

    const paused = fixtures.subscriptionPaused({ ...sub });
    await publishTestEvents(Topics.subscriptionLifecycle, [paused]);
    await handled(app, paused.id);
    expect(await remindersOf(sub.subscriptionId)).toMatchObject([{ status: 'cancelled' }]);
    clock.set(new Date('2026-03-30T00:00:00Z'));
    await sleep(800);
    expect(await mailOf(sub.subscriptionId)()).toEqual([]);

    const resumed = fixtures.subscriptionResumed({ ...sub, nextDueAt: '2026-04-01T06:00:00.000Z' });
    await publishTestEvents(Topics.subscriptionLifecycle, [resumed]);
    const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-template'] === 'renewal-reminder' && m.text.includes(sub.subscriptionId));
    expect(mail!.subject).toBe('Your subscription renews on Wednesday, 1 April 2026');
  });

  describe('re-planned by subscription actions', () => {
    const at = (iso: string) => new Date(iso);
    const statuses = async (subscriptionId: string) => (await remindersOf(subscriptionId)).map((r) => [r.cycleDueAt.toISOString(), r.status]);
    const cycleOf = (subscriptionId: string, dueAt: string, extra: Record<string, string> = {}) => ({ cycleIndex: 1, cycleKey: `sub:${subscriptionId}:cycle:1`, dueAt, ...extra });
    const publishAndHandle = async (topic: string, ...events: Array<{ id: string }>) => {
      await publishTestEvents(topic, events as never);
      for (const event of events) await handled(app, event.id);
    };

    it('drops the reminder of a skipped cycle, also against a due-order event handled after the skip; an unskip plans it again', async () => {
      const sub = fresh();
      const created = fixtures.subscriptionCreated({ ...sub, nextDueAt: '2026-03-15T09:00:00.000Z' });
      const skipped = fixtures.subscriptionCycleSkipped({ ...sub, cycle: cycleOf(sub.subscriptionId, '2026-03-15T09:00:00.000Z'), nextDueAt: '2026-04-15T08:00:00.000Z' });
      await publishAndHandle(Topics.subscriptionLifecycle, created, skipped);
      const lateDue = fixtures.orderDue({ ...sub, cycleIndex: 0, cycleKey: `sub:${sub.subscriptionId}:cycle:0`, nextDueAt: '2026-03-15T09:00:00.000Z' });
      await publishAndHandle(Topics.orderDue, lateDue);
      expect(await statuses(sub.subscriptionId)).toEqual([['2026-03-15T09:00:00.000Z', 'withdrawn'], ['2026-04-15T08:00:00.000Z', 'scheduled']]);
      clock.set(at('2026-03-13T00:00:00Z')); // past the skipped cycle's send time
      await sleep(800);
      expect(await mailOf(sub.subscriptionId)()).toEqual([]);

      const unskipped = fixtures.subscriptionCycleUnskipped({ ...sub, cycle: cycleOf(sub.subscriptionId, '2026-03-15T09:00:00.000Z'), nextDueAt: '2026-03-15T09:00:00.000Z' });
      await publishTestEvents(Topics.subscriptionLifecycle, [unskipped]);
      const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-template'] === 'renewal-reminder' && m.text.includes(sub.subscriptionId));
      expect(mail!.subject).toBe('Your subscription renews on Sunday, 15 March 2026');
    });

    it('moves the reminder with a rescheduled cycle: sent three days before the new date, never for the old one', async () => {
      const sub = fresh();
      const created = fixtures.subscriptionCreated({ ...sub, nextDueAt: '2026-03-15T09:00:00.000Z' });
      const moved = fixtures.subscriptionCycleRescheduled({
        ...sub, nextDueAt: '2026-03-18T09:00:00.000Z',
        cycle: cycleOf(sub.subscriptionId, '2026-03-18T09:00:00.000Z', { previousDueAt: '2026-03-15T09:00:00.000Z' }),
      });
      await publishAndHandle(Topics.subscriptionLifecycle, created, moved);
      expect(await remindersOf(sub.subscriptionId)).toMatchObject([
        { cycleDueAt: at('2026-03-15T09:00:00Z'), status: 'withdrawn' },
        { cycleDueAt: at('2026-03-18T09:00:00Z'), status: 'scheduled', sendAt: at('2026-03-15T09:00:00Z') },
      ]);
      clock.set(at('2026-03-14T00:00:00Z'));
      await sleep(800);
      expect(await mailOf(sub.subscriptionId)()).toEqual([]);
      clock.set(at('2026-03-15T09:00:00Z'));
      const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-template'] === 'renewal-reminder' && m.text.includes(sub.subscriptionId));
      expect(mail!.subject).toBe('Your subscription renews on Wednesday, 18 March 2026');
      await sleep(800);
      expect(await mailOf(sub.subscriptionId)()).toHaveLength(1);
    });

    it('plans none for a cycle in a pause that starts later, not even from a due-order event, and plans the first cycle after it', async () => {
      const sub = { ...fresh(), timeZone: 'Europe/Amsterdam' };
      const created = fixtures.subscriptionCreated({ ...sub, nextDueAt: '2026-03-15T08:00:00.000Z' });
      const paused = fixtures.subscriptionPaused({ ...sub, status: 'active', pausedFrom: '2026-03-10', resumeOn: '2026-04-20', nextDueAt: '2026-05-15T07:00:00.000Z' });
      await publishAndHandle(Topics.subscriptionLifecycle, created, paused);
      const due = fixtures.orderDue({ ...sub, cycleIndex: 0, cycleKey: `sub:${sub.subscriptionId}:cycle:0`, nextDueAt: '2026-04-15T07:00:00.000Z' });
      await publishAndHandle(Topics.orderDue, due);
      expect(await statuses(sub.subscriptionId)).toEqual([['2026-03-15T08:00:00.000Z', 'cancelled'], ['2026-05-15T07:00:00.000Z', 'scheduled']]);
      clock.set(at('2026-04-13T00:00:00Z'));
      await sleep(800);
      expect(await mailOf(sub.subscriptionId)()).toEqual([]);
    });

    it('sends a planned reminder to the address the customer changed to', async () => {
      const sub = fresh();
      const created = fixtures.subscriptionCreated({ ...sub, nextDueAt: '2026-03-15T09:00:00.000Z' });
      const changed = fixtures.subscriptionChanged({ ...sub, customerEmail: 'new-address@example.com', changedFields: ['customerEmail'], fromCycleIndex: 1, nextDueAt: '2026-03-15T09:00:00.000Z' });
      await publishAndHandle(Topics.subscriptionLifecycle, created, changed);
      clock.set(at('2026-03-12T09:00:00Z'));
      const [mail] = await mailsFor(sink, (m) => m.headers['x-oms-template'] === 'renewal-reminder' && m.text.includes(sub.subscriptionId));
      expect(mail!.to).toEqual(['new-address@example.com']);
    });

    it('plans none from a pending period-end cancel\'s date on; reactivating plans the next cycle again', async () => {
      const sub = fresh();
      const created = fixtures.subscriptionCreated({ ...sub, nextDueAt: '2026-03-15T09:00:00.000Z' });
      const cancelScheduled = fixtures.subscriptionCancelScheduled({ ...sub, cancelAt: '2026-03-15T09:00:00.000Z', firstCancelledCycle: 1 }); // no next cycle left
      await publishAndHandle(Topics.subscriptionLifecycle, created, cancelScheduled);
      const due = fixtures.orderDue({ ...sub, cycleIndex: 0, cycleKey: `sub:${sub.subscriptionId}:cycle:0`, nextDueAt: '2026-03-15T09:00:00.000Z' });
      await publishAndHandle(Topics.orderDue, due);
      expect(await statuses(sub.subscriptionId)).toEqual([['2026-03-15T09:00:00.000Z', 'withdrawn']]);

      const reactivated = fixtures.subscriptionReactivated({ ...sub, withdrawnCancelAt: '2026-03-15T09:00:00.000Z', nextDueAt: '2026-03-15T09:00:00.000Z' });
      await publishAndHandle(Topics.subscriptionLifecycle, reactivated);
      expect(await statuses(sub.subscriptionId)).toEqual([['2026-03-15T09:00:00.000Z', 'scheduled']]);
    });
  });

  it('plans nothing for a subscription cancelled before its due-order event was handled', async () => {
    const sub = fresh();
    const cancelled = fixtures.subscriptionCancelled({ ...sub });
    await publishTestEvents(Topics.subscriptionLifecycle, [cancelled]);
    await handled(app, cancelled.id);
    const due = fixtures.orderDue({ ...sub, cycleIndex: 4, cycleKey: `sub:${sub.subscriptionId}:cycle:4`, nextDueAt: '2026-04-01T06:00:00.000Z' });
    await publishTestEvents(Topics.orderDue, [due]);
    await handled(app, due.id);
    expect(await remindersOf(sub.subscriptionId)).toEqual([]);
  });

  it('lets a reminder expire when its cycle came due before it could be sent', async () => {
    const sub = fresh();
    const created = fixtures.subscriptionCreated({ ...sub, nextDueAt: '2026-03-10T09:00:00.000Z' });
    await publishTestEvents(Topics.subscriptionLifecycle, [created]);
    await handled(app, created.id);
    clock.set(new Date('2026-03-11T00:00:00Z')); // e.g. the service was down from before send time until after the due time
    await waitFor(() => remindersOf(sub.subscriptionId), (rows) => rows[0]?.status === 'expired', { what: 'reminder expired' });
    expect(await prisma.message.count({ where: { subscriptionId: sub.subscriptionId } })).toBe(0);
  });

  it('records a skipped reminder when no email address is known', async () => {
    const sub = { ...fresh(), customerEmail: undefined };
    const created = fixtures.subscriptionCreated({ ...sub, nextDueAt: '2026-03-20T09:00:00.000Z' });
    await publishTestEvents(Topics.subscriptionLifecycle, [created]);
    await handled(app, created.id);
    clock.set(new Date('2026-03-17T09:00:00Z'));
    const [message] = await waitFor(() => prisma.message.findMany({ where: { subscriptionId: sub.subscriptionId } }), (rows) => rows.length === 1, { what: 'skipped reminder' });
    expect(message).toMatchObject({ template: 'renewal-reminder', status: 'skipped', lastError: 'skipped: no email address' });
  });
});
