import type { INestApplication } from '@nestjs/common';
import type { OrderLifecycleV1 } from '@oms/contracts';
import { fixtures, type EventEnvelope } from '@oms/contracts';
import { IdempotentConsumer, type BatchEffect, type IdempotentEffect, type SqlClient } from '@oms/outbox';
import { applyBatchAndOneByOne, consumedAt } from '@oms/outbox/testing';
import { ControllableClock } from '@oms/service-runtime';
import { randomUUID } from 'node:crypto';
import { orderEvent, prismaOf, resetNotifications, startNotifications, startSink, type MailSink } from './support/notifications-test-kit';

const CONSUMER = 'notifications.order';

/**
 * The order consumer's batch form (one upsert and one insert for a whole batch) against the listener applied
 * event by event, on the real database: the same scenario, on fresh orders each, must leave the same read
 * model and the same messages. The batch is applied directly (as the Kafka consumer does), so what lands in
 * one batch does not depend on how the broker happens to deliver it.
 */
describe('order emails in batches', () => {
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

  const consumed = (envelope: EventEnvelope, offset: number) => consumedAt('orders.order', envelope, offset, (envelope.data as { orderId: string }).orderId);

  /**
   * Orders a-f: a is created without an email, held for fraud, created again with one and another customer id
   * (delivered twice); b has a shipment parked before its order and is created without an email, then with
   * one; c is backordered; d was seen before (earlier batch) and its next event has no email; e is a rental
   * order; f was created and confirmed in an earlier batch and is created again. Returns the batch's events,
   * the orders' ids and every event id of the scenario, for labels.
   */
  async function scenario() {
    const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID(), e: randomUUID(), f: randomUUID() };
    const of = (name: keyof typeof ids, fixture: Parameters<typeof orderEvent>[0], data: Partial<OrderLifecycleV1> = {}) =>
      orderEvent(fixture, { orderId: ids[name], customerId: `cust-${name}`, subscriptionId: `sub-${name}`, ...data });
    const prisma = await prismaOf(app);
    const shipped = fixtures.shipmentStatusChanged({ orderId: ids.b, status: 'shipped', occurredAt: '2026-03-02T10:00:00.000Z' });
    await prisma.deferredShipment.create({
      data: { eventId: shipped.id, eventType: shipped.type, correlationId: shipped.correlationid, orderId: ids.b, shipment: shipped.data as object },
    });
    const earlier = [of('d', 'orderCreated'), of('f', 'orderCreated')];
    await idempotent().applyBatchOnPg(CONSUMER, earlier.map(consumed), await listener());
    const aCreated = of('a', 'orderCreated', { customerEmail: '' });
    const rental = of('e', 'orderCreated');
    const events = [
      aCreated,
      of('a', 'orderOnHold', { customerEmail: undefined }),
      of('b', 'orderCreated', { customerEmail: '' }),
      of('a', 'orderCreated', { customerId: 'cust-a2' }),
      aCreated,
      of('c', 'orderBackordered', { status: 'backordered', stockOutcome: 'backordered' }),
      of('b', 'orderCreated'),
      of('d', 'orderHoldPlaced', { customerEmail: undefined }),
      { ...rental, data: { ...rental.data, lines: rental.data.lines.map((line) => ({ ...line, kind: 'rental' as const })) } },
      of('f', 'orderCreated'),
    ];
    const eventIds = [shipped.id, ...earlier.map((event) => event.id), ...events.map((event) => event.id)];
    return { ids, eventIds, events: events.map(consumed) };
  }

  const idempotent = () => app.get(IdempotentConsumer);
  // The consumer class is imported as the test kit imports the app: lazily, once the test environment is set.
  const orders = async () => app.get((await import('../src/orders/order-events.consumer')).OrderEventsConsumer);
  const listener = async (): Promise<IdempotentEffect<SqlClient>> => {
    const consumer = await orders();
    return (tx, envelope, context) => consumer.queueEmails(tx, envelope, context);
  };
  const batchForm = async (): Promise<BatchEffect<SqlClient>> => {
    const consumer = await orders();
    return (tx, events) => consumer.queueEmailsForBatch(tx, events);
  };
  /** What the consumer left for the scenario's orders, with the orders' and events' ids replaced by labels. */
  async function leftFor({ ids, eventIds }: { ids: Record<string, string>; eventIds: string[] }) {
    const label = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    const eventLabel = new Map(eventIds.map((id, i) => [id, `event ${i}`]));
    const prisma = await prismaOf(app);
    const contacts = await prisma.orderContact.findMany({ where: { orderId: { in: Object.values(ids) } } });
    const messages = await prisma.message.findMany({ where: { orderId: { in: Object.values(ids) } } });
    const shown = (text: string) => Object.entries(ids).reduce((out, [name, id]) => out.replaceAll(id, name).replaceAll(id.slice(0, 8), name).replaceAll(id.slice(0, 6).toUpperCase(), name), text);
    return {
      contacts: contacts.map((c) => ({
        order: label.get(c.orderId), email: c.customerEmail && shown(c.customerEmail), number: shown(c.orderNumber), customer: c.customerId, subscription: c.subscriptionId,
      })).sort(byJson),
      messages: messages.map((m) => ({
        order: label.get(m.orderId!), event: eventLabel.get(m.eventId), template: m.template, recipient: shown(m.recipient), audience: m.audience,
        status: m.status === 'sent' ? 'pending' : m.status, customer: m.customerId, subscription: m.subscriptionId, subject: shown(m.subject), body: shown(m.body),
      })).sort(byJson),
      parked: await prisma.deferredShipment.count({ where: { orderId: { in: Object.values(ids) } } }),
    };
  }

  it('leaves what the listener leaves event by event: read model, one confirmation per order, parked shipments, notices', async () => {
    const { batched, oneByOne } = await applyBatchAndOneByOne(idempotent(), CONSUMER, { batch: await batchForm(), single: await listener() }, scenario);

    const left = await leftFor(batched);
    expect(left).toEqual(await leftFor(oneByOne));
    // And what that is, so the comparison is not between two empty results.
    expect(left.parked).toBe(0);
    expect(left.contacts).toContainEqual({ order: 'a', email: 'a@example.com', number: 'SO-a', customer: 'cust-a2', subscription: 'sub-a' });
    expect(left.contacts).toContainEqual({ order: 'd', email: 'd@example.com', number: 'SO-d', customer: 'cust-d', subscription: 'sub-d' });
    const templates = left.messages.map((m) => `${m.order} ${m.template} ${m.audience}`);
    for (const order of ['a', 'b', 'd', 'e', 'f']) expect(templates.filter((t) => t === `${order} order-confirmation customer`)).toHaveLength(1);
    expect(templates).toEqual(expect.arrayContaining(['a fraud-hold ops', 'b order-shipped customer', 'c out-of-stock customer', 'c out-of-stock store-manager']));
    expect(templates.some((t) => t.startsWith('e ') && t.endsWith(' store-manager'))).toBe(true);
    // b's parked shipment answered to b's first event, which had no email: recorded as skipped.
    expect(left.messages.find((m) => m.template === 'order-shipped')).toMatchObject({ recipient: '', status: 'skipped' });
  });

  it('applies a batch the batch form fails on event by event, the bad event alone failing', async () => {
    const scenarioOf = await scenario();
    const { events } = scenarioOf;
    const b = events[2]!;
    const broken: typeof b = { ...b, envelope: { ...b.envelope, data: { ...(b.envelope.data as OrderLifecycleV1), orderNumber: null as unknown as string } } };
    const failures = await idempotent().applyBatchOnPg(CONSUMER, [...events.slice(0, 2), broken, ...events.slice(3)], await listener(), await batchForm());

    // b's first event fails alone; its second, behind it on its key, is held back (the consumer retries both).
    expect(failures.map((failure) => failure.event.envelope.id)).toEqual([broken.envelope.id, events[6]!.envelope.id]);
    const left = await leftFor(scenarioOf);
    expect(left.contacts.map((c) => c.order)).toEqual(['a', 'c', 'd', 'e', 'f']);
    expect(left.parked).toBe(1); // b's order was never seen: its shipment stays parked
  });
});

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
