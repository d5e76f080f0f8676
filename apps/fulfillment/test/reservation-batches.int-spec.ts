import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics } from '@oms/contracts';
import { IdempotentConsumer } from '@oms/outbox';
import { applyBatchAndOneByOne, consumedAt, type BatchForms } from '@oms/outbox/testing';
import { ControllableClock } from '@oms/service-runtime';
import { http, newSku, orderCreated, resetFulfillment, startFulfillment, stockUp } from './support/fulfillment-test-kit';
import { fulfillmentLeft } from './support/fulfillment-left';

const CONSUMER = 'fulfillment.order-events';

/**
 * The order events consumer's batch form (every created order's stock locked in one statement, the reservations
 * written in another) against its pg variant applied event by event, on the real database: the same scenario, on
 * fresh orders and SKUs each, must leave the same stock, reservations, releases, backorders and events.
 */
describe('fulfillment: reservations in batches', () => {
  const clock = new ControllableClock(new Date('2026-03-06T09:00:00Z'));
  let app: INestApplication;

  beforeAll(async () => {
    app = await startFulfillment(clock);
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    for (const code of ['AMS-1', 'RTM-1']) await http(app).post('/warehouses').send({ code, name: code }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  const idempotent = () => app.get(IdempotentConsumer);
  // The consumer class is imported as the test kit imports the app: lazily, once the test environment is set.
  const forms = async (): Promise<BatchForms> => {
    const consumer = app.get((await import('../src/reservations/order-events.consumer')).OrderEventsConsumer);
    return { batch: (tx, events) => consumer.reserveAllGoodsOnPg(tx, events), single: (tx, envelope) => consumer.reserveGoodsOnPg(tx, envelope) };
  };

  /**
   * Coffee (4 at AMS-1, 2 at RTM-1) and tea (5 at RTM-1), on fresh SKUs; k takes 1 coffee before the batch (its event applied alone). The
   * batch: a takes 2 coffee from AMS-1 (most available), b 2 from RTM-1 (what a left), c asks 2 coffee and 1 tea (no
   * warehouse has 2 coffee left: a backorder), d 2 tea and 1 coffee (two warehouses, two releases), g a SKU without
   * stock (a backorder), e tea twice (one warehouse, both lines), f only a rental fee (nothing to reserve); a's event comes
   * twice, b's, c's (backordered) and k's orders again under new events, and a reserved event that changes nothing here.
   */
  async function scenario() {
    const skus = { coffee: newSku(), tea: newSku(), gone: newSku() };
    await stockUp(app, 'AMS-1', skus.coffee, 4);
    await stockUp(app, 'RTM-1', skus.coffee, 2);
    await stockUp(app, 'RTM-1', skus.tea, 5);
    const created = {
      k: orderCreated([{ sku: skus.coffee, quantity: 1 }], randomUUID(), 'sub-k'),
      a: orderCreated([{ sku: skus.coffee, quantity: 2 }], randomUUID(), 'sub-a'),
      b: orderCreated([{ sku: skus.coffee, quantity: 2 }], randomUUID(), 'sub-b'),
      c: orderCreated([{ sku: skus.coffee, quantity: 2 }, { sku: skus.tea, quantity: 1 }], randomUUID(), 'sub-c'),
      d: orderCreated([{ sku: skus.tea, quantity: 2 }, { sku: skus.coffee, quantity: 1 }], randomUUID()),
      g: orderCreated([{ sku: skus.gone, quantity: 1 }], randomUUID(), 'sub-g'),
      e: orderCreated([{ sku: skus.tea, quantity: 1 }, { sku: skus.tea, quantity: 2 }], randomUUID(), 'sub-e'),
      f: orderCreated([{ sku: 'FEE-RENTAL', quantity: 1, kind: 'rental-fee' }], randomUUID(), 'sub-f'),
    };
    const orders = Object.fromEntries(Object.entries(created).map(([name, event]) => [name, event.data.orderId]));
    const bAgain = createEnvelope({ type: EventTypes.orderCreated, source: '/orders', subject: orders['b']!, data: created.b.data });
    const kAgain = createEnvelope({ type: EventTypes.orderCreated, source: '/orders', subject: orders['k']!, data: created.k.data });
    const reserved = createEnvelope({ type: EventTypes.orderReserved, source: '/orders', subject: orders['a']!, data: { ...created.a.data, status: 'reserved' as const } });
    const cAgain = createEnvelope({ type: EventTypes.orderCreated, source: '/orders', subject: orders['c']!, data: created.c.data });
    const sent = [created.a, created.b, created.a, created.c, reserved, bAgain, created.d, kAgain, created.g, cAgain, created.e, created.f];
    await expect(idempotent().applyBatchOnPg(CONSUMER, [consumedAt(Topics.order, created.k, 1)], (await forms()).single)).resolves.toEqual([]);
    const others = [created.k, ...sent].flatMap((event, i): Array<[string, string]> => [[event.id, `event ${i}`], [event.correlationid!, `correlation ${i}`]]);
    return { events: sent.map((event, i) => consumedAt(Topics.order, event, i + 2)), labels: { orders, skus, others } };
  }

  it('leaves what the variant leaves event by event: stock, reservations, releases, backorders and events', async () => {
    const { batched, oneByOne } = await applyBatchAndOneByOne(idempotent(), CONSUMER, await forms(), scenario);
    const left = await fulfillmentLeft(app, batched.labels);
    expect(left).toEqual(await fulfillmentLeft(app, oneByOne.labels));
    expect(left.stock).toEqual([
      { warehouse: 'AMS-1', sku: 'coffee', onHand: 4, reserved: 4 },
      { warehouse: 'RTM-1', sku: 'coffee', onHand: 2, reserved: 2 },
      { warehouse: 'RTM-1', sku: 'tea', onHand: 5, reserved: 5 },
    ]);
    const where = (r: { orderId: string; lines: Array<{ sku: string; warehouseId: string }>; releases: unknown[] }) =>
      `${r.orderId}: ${r.lines.map((l) => `${l.sku}@${l.warehouseId}`).join(' ')} (${r.releases.length} releases)`;
    expect(left.reservations.map(where).sort()).toEqual([
      'a: coffee@AMS-1 (1 releases)', 'b: coffee@RTM-1 (1 releases)', 'd: tea@RTM-1 coffee@AMS-1 (2 releases)', 'e: tea@RTM-1 tea@RTM-1 (1 releases)',
      'k: coffee@AMS-1 (1 releases)',
    ]);
    // Each backorder keeps its created event's correlation (a new flow's: the event's own id) for the reserved event that follows.
    expect(left.backorders.map((b: { orderId: string; correlationId: string }) => `${b.orderId} ${b.correlationId}`)).toEqual(['c event 4', 'g event 9']);
    expect(left.events.map((e: { messageKey: string; type: string }) => `${e.messageKey} ${e.type}`)).toEqual([
      `k ${EventTypes.reservationReserved}`, `a ${EventTypes.reservationReserved}`, `b ${EventTypes.reservationReserved}`, `c ${EventTypes.reservationShortage}`,
      `d ${EventTypes.reservationReserved}`, `g ${EventTypes.reservationShortage}`, `e ${EventTypes.reservationReserved}`,
    ]);
  });

});
