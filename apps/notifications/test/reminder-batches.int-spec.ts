import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { fixtures, Topics } from '@oms/contracts';
import { IdempotentConsumer } from '@oms/outbox';
import { applyBatchAndOneByOne, consumedAt, type BatchForms } from '@oms/outbox/testing';
import { ControllableClock } from '@oms/service-runtime';
import { prismaOf, resetNotifications, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

const CONSUMER = 'notifications.order-due';

/**
 * The due-order consumer's batch form (every subscription's read model row and next reminder in one statement)
 * against the listener applied event by event, on the real database: the same scenario, on fresh subscriptions
 * each, must leave the same read model rows and reminders.
 */
describe('renewal reminders planned in batches', () => {
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

  const idempotent = () => app.get(IdempotentConsumer);
  // The consumer class is imported as the test kit imports the app: lazily, once the test environment is set.
  const forms = async (): Promise<BatchForms> => {
    const consumer = app.get((await import('../src/reminders/order-due.consumer')).OrderDueConsumer);
    return { batch: (tx, events) => consumer.planRemindersForBatch(tx, events), single: (tx, envelope) => consumer.planReminder(tx, envelope) };
  };

  /**
   * Subscriptions a-i: a is new; b comes due twice (its second cycle with a new customer, a new address and no time
   * zone); c's cycle is published three times under three event ids, the second without an address, the third with
   * another; d's cycle is its last; e's next cycle is already due; f is known, active, with a pause planned over its
   * next cycle; g is known and its reminder was cancelled by a pause since lifted (planned again); h is known
   * cancelled; i is known with a period-end cancel before its next cycle. Returns the batch's events and the subscriptions.
   */
  async function scenario() {
    const subs = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name) => [name, randomUUID()]));
    const prisma = await prismaOf(app);
    const known = (name: string, fields: Record<string, unknown>) => prisma.subscriptionContact.create({
      data: { subscriptionId: subs[name]!, customerId: `cust-${name}`, customerEmail: `${name}@known.example`, timeZone: 'Europe/Berlin', status: 'active', ...fields },
    });
    await known('f', { pauseFrom: new Date('2026-03-20T00:00:00Z') });
    await known('i', { cancelAt: new Date('2026-03-25T00:00:00Z') });
    await known('g', {});
    await known('h', { status: 'cancelled' });
    await prisma.reminder.create({
      data: { subscriptionId: subs['g']!, cycleDueAt: new Date('2026-04-01T06:00:00Z'), sendAt: new Date('2026-03-29T06:00:00Z'), customerId: 'cust-g', status: 'cancelled', correlationId: 'earlier' },
    });
    const due = (name: string, cycleIndex: number, fields: Record<string, unknown>) => fixtures.orderDue({
      subscriptionId: subs[name]!, customerId: `cust-${name}`, customerEmail: `${name}@example.com`, timeZone: 'Europe/Amsterdam', cycleIndex,
      cycleKey: `sub:${subs[name]}:cycle:${cycleIndex}`, dueAt: '2026-03-01T06:00:00.000Z', nextDueAt: '2026-04-01T06:00:00.000Z', ...fields,
    });
    const c = due('c', 0, {});
    const events = [
      due('a', 0, {}), due('b', 0, {}), c,
      due('b', 1, { customerId: 'cust-b2', customerEmail: 'b@new.example', timeZone: undefined, nextDueAt: '2026-05-01T06:00:00.000Z' }),
      fixtures.orderDue({ ...c.data, customerEmail: undefined }), due('d', 5, { nextDueAt: undefined }), due('e', 0, { nextDueAt: '2026-03-01T07:00:00.000Z' }),
      due('f', 0, {}), due('g', 0, {}), due('h', 0, {}), fixtures.orderDue({ ...c.data, customerEmail: 'c@other.example' }), due('i', 0, {}),
    ];
    const others = events.map((event, i): [string, string] => [event.correlationid!, `correlation ${i}`]);
    return { subs, others, events: events.map((event, i) => consumedAt(Topics.orderDue, event, i + 1)) };
  }

  /** The read model rows and reminders of a scenario's subscriptions, labelled (without the rows' write times). */
  async function left({ subs, others }: { subs: Record<string, string>; others: Array<[string, string]> }) {
    const prisma = await prismaOf(app);
    const ids = Object.values(subs);
    const contacts = await prisma.subscriptionContact.findMany({ where: { subscriptionId: { in: ids } }, omit: { updatedAt: true } });
    const reminders = await prisma.reminder.findMany({ where: { subscriptionId: { in: ids } }, omit: { updatedAt: true, createdAt: true } });
    const labels = [...others, ...Object.entries(subs).map(([name, id]): [string, string] => [id, name])];
    const shown = JSON.parse(labels.reduce((text, [id, name]) => text.replaceAll(id, name), JSON.stringify({ contacts, reminders })));
    const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
    return { contacts: shown.contacts.sort(byJson), reminders: shown.reminders.sort(byJson) };
  }

  it('leaves what the listener leaves event by event: read model rows and reminders', async () => {
    const { batched, oneByOne } = await applyBatchAndOneByOne(idempotent(), CONSUMER, await forms(), scenario);
    const rows = await left(batched);
    expect(rows).toEqual(await left(oneByOne));
    expect(rows.contacts.map((c: { subscriptionId: string; customerId: string; customerEmail: string; timeZone: string; status: string }) =>
      `${c.subscriptionId} ${c.customerId} ${c.customerEmail} ${c.timeZone} ${c.status}`)).toEqual([
      'a cust-a a@example.com Europe/Amsterdam active', 'b cust-b2 b@new.example Europe/Amsterdam active', 'c cust-c c@other.example Europe/Amsterdam active',
      'd cust-d d@example.com Europe/Amsterdam active', 'e cust-e e@example.com Europe/Amsterdam active', 'f cust-f f@example.com Europe/Amsterdam active',
      'g cust-g g@example.com Europe/Amsterdam active', 'h cust-h h@example.com Europe/Amsterdam cancelled', 'i cust-i i@example.com Europe/Amsterdam active',
    ]);
    expect(rows.reminders.map((r: { subscriptionId: string; customerId: string; cycleDueAt: string; status: string; customerEmail: string; correlationId: string }) =>
      `${r.subscriptionId} ${r.customerId} ${r.cycleDueAt} ${r.status} ${r.customerEmail} ${r.correlationId}`)).toEqual([
      'a cust-a 2026-04-01T06:00:00.000Z scheduled a@example.com correlation 0',
      'b cust-b 2026-04-01T06:00:00.000Z scheduled b@example.com correlation 1',
      'b cust-b2 2026-05-01T06:00:00.000Z scheduled b@new.example correlation 3',
      'c cust-c 2026-04-01T06:00:00.000Z scheduled c@other.example correlation 2',
      'g cust-g 2026-04-01T06:00:00.000Z scheduled g@example.com earlier',
    ]);
  });
});
