import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, type EventEnvelope, type ProductChangedV1 } from '@oms/contracts';
import { IdempotentConsumer, PgVariantDeclined, type BatchEffect, type IdempotentEffect, type SqlClient } from '@oms/outbox';
import { applyBatchAndOneByOne, consumedAt } from '@oms/outbox/testing';
import { ControllableClock } from '@oms/service-runtime';
import { catalogProduct, orderDue, prismaOf, reservation, resetOrders, startOrders } from './support/orders-test-kit';
import { ordersLeft } from './support/orders-left';

const CONSUMER = 'orders.reservation';

/**
 * The reservation outcome consumer's batch form (the orders locked in one statement, moved in another) against its
 * pg variant applied event by event, on the real database: the same scenario, on fresh orders each, must leave the
 * same orders, history and events.
 */
describe('reservation outcomes in batches', () => {
  const clock = new ControllableClock(new Date('2026-03-06T09:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    app = await startOrders(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
  });

  const consumed = (envelope: EventEnvelope, offset: number) => consumedAt('fulfillment.reservation', envelope, offset);
  const idempotent = () => app.get(IdempotentConsumer);
  // The consumer classes are imported as the test kit imports the app: lazily, once the test environment is set.
  const outcomes = async () => app.get((await import('../src/orders/fulfillment/reservation-outcome.consumer')).ReservationOutcomeConsumer);
  const variant = async (): Promise<IdempotentEffect<SqlClient>> => {
    const consumer = await outcomes();
    return (tx, envelope) => consumer.applyReservedOnPg(tx, envelope);
  };
  const batchForm = async (): Promise<BatchEffect<SqlClient>> => {
    const consumer = await outcomes();
    return (tx, events) => consumer.applyAllReservedOnPg(tx, events);
  };

  /**
   * Orders of subscriptions a-c, created from their due cycles (c's on a pricing hold: a product the read model does
   * not know); the batch reserves a (its id in upper case, its event delivered twice) and b, an order that does not
   * exist and one whose id is no uuid. Returns the batch's events, c's and a second one of b, the subscriptions and
   * the other ids to label.
   */
  async function scenario() {
    const subs = { a: randomUUID(), b: randomUUID(), c: randomUUID() };
    const unknown = { ...coffee, productId: randomUUID(), sku: 'SKU-GONE' };
    const dues = [
      orderDue(subs.a, 0, [{ product: coffee, quantity: 1 }]), orderDue(subs.b, 0, [{ product: coffee, quantity: 2 }]),
      orderDue(subs.c, 0, [{ product: unknown, quantity: 1 }]),
    ];
    const orderDues = app.get((await import('../src/orders/intake/order-due.consumer')).OrderDueConsumer);
    await expect(idempotent().applyBatchOnPg('orders.order-due', dues.map(consumed), (tx, envelope, context) => orderDues.createOrderOnPg(tx, envelope, context))).resolves.toEqual([]);
    const orderOf = async (sub: string) => (await prismaOf(app).salesOrder.findFirstOrThrow({ where: { subscriptionId: sub } })).id;
    const ids = { a: await orderOf(subs.a), b: await orderOf(subs.b), c: await orderOf(subs.c) };
    // a's event names its order in upper case (as some upstreams write uuids).
    const a = reservation(EventTypes.reservationReserved, ids.a.toUpperCase());
    const events = [a, reservation(EventTypes.reservationReserved, ids.b), reservation(EventTypes.reservationReserved, randomUUID()), a,
      reservation(EventTypes.reservationReserved, 'not-a-uuid')];
    const others: Array<[string, string]> = [
      ...dues.flatMap((due) => due.data.lines.map((line, i) => [line.lineId, `line ${due.data.subscriptionId} ${i}`] as [string, string])),
      [unknown.productId, 'unknown product'],
      ...events.map((event, i) => [event.data.reservationId, `reservation ${i}`] as [string, string]),
    ];
    const onHold = reservation(EventTypes.reservationReserved, ids.c);
    const bAgain = reservation(EventTypes.reservationReserved, ids.b);
    return { subs, others, events: events.map((event, i) => consumed(event, i + 1)), onHold, bAgain };
  }

  it('leaves what the variant leaves event by event: statuses, history rows and events', async () => {
    const { batched, oneByOne } = await applyBatchAndOneByOne(idempotent(), CONSUMER, { batch: await batchForm(), single: await variant() }, scenario);

    const left = await ordersLeft(app, batched);
    expect(left).toEqual(await ordersLeft(app, oneByOne));
    expect(left.orders.map((o: { subscriptionId: string; status: string }) => `${o.subscriptionId} ${o.status}`)).toEqual(['a released', 'b released', 'c on-hold']);
    expect(left.history.map((h: { orderId: string; toStatus: string }) => `${h.orderId} ${h.toStatus}`)).toEqual([
      'a created', 'a reserved', 'a released', 'b created', 'b reserved', 'b released', 'c on-hold',
    ]);
  });

  it('declines a batch with an order on hold or named twice: the variant declines those alone (the listener takes them), the others move', async () => {
    const { subs, others, events, onHold, bAgain } = await scenario();
    const twice = await idempotent().applyBatchOnPg(CONSUMER, [events[0]!, events[1]!, consumed(bAgain, 11)], await variant(), await batchForm());
    // b's second event finds b released: the variant declines it, as it would one by one.
    expect(twice.map((failure) => [failure.event.envelope.id, failure.error instanceof PgVariantDeclined])).toEqual([[bAgain.id, true]]);
    const held = await idempotent().applyBatchOnPg(CONSUMER, [consumed(onHold, 10), events[2]!], await variant(), await batchForm());
    expect(held.map((failure) => [failure.event.envelope.id, failure.error instanceof PgVariantDeclined])).toEqual([[onHold.id, true]]);
    const left = await ordersLeft(app, { subs, others });
    expect(left.orders.map((o: { subscriptionId: string; status: string }) => `${o.subscriptionId} ${o.status}`)).toEqual(['a released', 'b released', 'c on-hold']);
    expect(left.history.filter((h: { orderId: string }) => h.orderId === 'b')).toHaveLength(3);
  });
});
