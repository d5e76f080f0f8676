import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics, type EventEnvelope, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { IdempotentConsumer } from '@oms/outbox';
import { applyBatchAndOneByOne, consumedAt, type BatchForms } from '@oms/outbox/testing';
import { ControllableClock } from '@oms/service-runtime';
import type { PrismaService } from '../src/database/prisma.service';
import { catalogProduct, http, monthly, resetSubscriptions, runJob, startReplica } from './support/subscriptions-test-kit';

const CONSUMER = 'subscriptions.order-outcomes';

/**
 * The order outcome consumer's batch form (every created order's cycle recorded, and its subscription advanced, in
 * one statement) against its pg variant applied event by event, on the real database: the same scenario, on fresh
 * subscriptions each, must leave the same subscriptions (IOM's current subscription number, last ordered date) and cycles.
 */
describe('subscriptions: order outcomes in batches', () => {
  const start = new Date('2026-02-01T00:00:00Z');
  const clock = new ControllableClock(start);
  let app: INestApplication;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    app = await startReplica(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => resetSubscriptions(app));
  afterAll(async () => {
    await app?.close();
  });

  const prisma = async () => app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
  const idempotent = () => app.get(IdempotentConsumer);
  // The consumer class is imported as the test kit imports the app: lazily, once the test environment is set.
  const forms = async (): Promise<BatchForms> => {
    const consumer = app.get((await import('../src/outcomes/order-outcomes.consumer')).OrderOutcomesConsumer);
    return { batch: (tx, events) => consumer.recordOrdersOnPg(tx, events), single: (tx, envelope) => consumer.recordOrderOnPg(tx, envelope) };
  };
  const created = (orderId: string, time: string, order: Partial<OrderLifecycleV1>): EventEnvelope => createEnvelope({
    type: EventTypes.orderCreated, source: '/orders', subject: orderId, time,
    data: { orderId, orderNumber: `SO-${orderId}`, customerId: 'cust-1', status: 'created', currency: 'EUR', totalMinor: 3998, lines: [], ...order },
  });

  /**
   * Subscriptions a, b and c, each with cycles 0 and 1 emitted by the job (a month apart); c's cycle 0 has its order
   * before the batch, ordered later than anything in it. The batch records a's cycle 0 (its event delivered twice)
   * and cycle 1 (ordered earlier than cycle 0: the last ordered date stays cycle 0's), b's cycle 0, a second order for
   * a's cycle 0 naming a without hyphens (not recorded: the first one's order stays), a one-off order, an unknown
   * cycle of b, b's cycle 1 naming its subscription in upper case, and c's cycle 1 (c's last ordered date stays).
   */
  async function scenario() {
    clock.set(start);
    const subscribe = async () => (await http(app).post('/subscriptions').send({
      customerId: 'cust-1', currency: 'EUR', timeZone: 'Europe/Amsterdam', frequency: monthly, startDate: '2026-01-31', lines: [{ productId: coffee.productId, quantity: 2 }],
    }).expect(201)).body.subscriptionId as string;
    const subs = { a: await subscribe(), b: await subscribe(), c: await subscribe() };
    expect((await runJob(app)).counts.emitted).toBe(3);
    clock.set(new Date('2026-03-01T00:00:00Z'));
    expect((await runJob(app)).counts.emitted).toBe(3);
    const orders = Object.fromEntries(['a0', 'a1', 'a0-again', 'b0', 'b1', 'one-off', 'b7', 'c0', 'c1'].map((name) => [name, `order-${randomUUID()}`]));
    const cycle = (sub: string, cycleIndex: number) => ({ subscriptionId: sub, cycleIndex, cycleKey: `sub:${sub}:cycle:${cycleIndex}` });
    const c0 = consumedAt(Topics.order, created(orders['c0']!, '2026-03-01T00:00:50Z', cycle(subs.c, 0)), 0);
    expect(await idempotent().applyBatchOnPg(CONSUMER, [c0], (await forms()).single)).toEqual([]);
    const a0 = created(orders['a0']!, '2026-03-01T00:00:10Z', cycle(subs.a, 0));
    const events = [
      a0, created(orders['a1']!, '2026-03-01T00:00:05Z', cycle(subs.a, 1)), created(orders['b0']!, '2026-03-01T00:00:07Z', cycle(subs.b, 0)), a0,
      created(orders['a0-again']!, '2026-03-01T00:00:20Z', cycle(subs.a.replaceAll('-', ''), 0)), created(orders['one-off']!, '2026-03-01T00:00:30Z', {}),
      created(orders['b7']!, '2026-03-01T00:00:30Z', cycle(subs.b, 7)), created(orders['b1']!, '2026-03-01T00:00:09Z', cycle(subs.b.toUpperCase(), 1)),
      created(orders['c1']!, '2026-03-01T00:00:40Z', cycle(subs.c, 1)),
    ];
    return { subs, orders, events: events.map((event, i) => consumedAt(Topics.order, event, i + 1)) };
  }

  /** The scenario's subscriptions and cycles as the consumer left them, labelled. */
  async function left({ subs, orders }: { subs: Record<string, string>; orders: Record<string, string> }) {
    const db = await prisma();
    const ids = Object.values(subs);
    const subscriptions = await db.subscription.findMany({ where: { id: { in: ids } }, select: { id: true, currentCycle: true, lastOrderedAt: true } });
    const cycles = await db.subscriptionCycle.findMany({
      where: { subscriptionId: { in: ids } }, select: { subscriptionId: true, cycleIndex: true, status: true, orderId: true, orderedAt: true },
      orderBy: [{ subscriptionId: 'asc' }, { cycleIndex: 'asc' }],
    });
    const labels = [...Object.entries(orders), ...Object.entries(subs)].map(([name, id]): [string, string] => [id, name]);
    const shown = JSON.parse(labels.reduce((text, [id, name]) => text.replaceAll(id, name), JSON.stringify({ subscriptions, cycles })));
    const bySubscription = (x: { subscriptionId: string; cycleIndex: number }, y: { subscriptionId: string; cycleIndex: number }) =>
      x.subscriptionId.localeCompare(y.subscriptionId) || x.cycleIndex - y.cycleIndex;
    return { subscriptions: shown.subscriptions.sort((x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id)), cycles: shown.cycles.sort(bySubscription) };
  }

  it('leaves what the variant leaves event by event: current subscription numbers, last ordered dates, cycles', async () => {
    const { batched, oneByOne } = await applyBatchAndOneByOne(idempotent(), CONSUMER, await forms(), scenario);
    const rows = await left(batched);
    expect(rows).toEqual(await left(oneByOne));
    expect(rows.subscriptions).toEqual([
      { id: 'a', currentCycle: 2, lastOrderedAt: '2026-03-01T00:00:10.000Z' },
      { id: 'b', currentCycle: 2, lastOrderedAt: '2026-03-01T00:00:09.000Z' },
      { id: 'c', currentCycle: 2, lastOrderedAt: '2026-03-01T00:00:50.000Z' },
    ]);
    expect(rows.cycles.map((c: { subscriptionId: string; cycleIndex: number; orderId: string; orderedAt: string }) =>
      `${c.subscriptionId} ${c.cycleIndex} ${c.orderId} ${c.orderedAt}`)).toEqual([
      'a 0 a0 2026-03-01T00:00:10.000Z', 'a 1 a1 2026-03-01T00:00:05.000Z', 'b 0 b0 2026-03-01T00:00:07.000Z', 'b 1 b1 2026-03-01T00:00:09.000Z',
      'c 0 c0 2026-03-01T00:00:50.000Z', 'c 1 c1 2026-03-01T00:00:40.000Z',
    ]);
  });
});
