import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents } from '@oms/testing';
import { catalogProduct, getOrder, http, orderDue, resetOrders, startOrders, waitForCycleOrder, waitForStatus } from './support/orders-test-kit';

const dataOf = (e: EventEnvelope) => e.data as OrderLifecycleV1;

/**
 * The catalog and due-order topics carry no order between them, so a due
 * event can reach orders before its product does. Each test provokes that
 * race on purpose: the due event is published before the product event.
 */
describe('orders: holds for prices that have not arrived yet', () => {
  const clock = new ControllableClock(new Date('2026-02-01T08:00:05Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;
  let filters: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app, { prices: [{ currency: 'EUR', amountMinor: 1999 }] });
    filters = await catalogProduct(app, { name: 'Filters', prices: [{ currency: 'EUR', amountMinor: 350 }] });
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  it('releases by itself, at the catalog price, an order whose due event overtook its product event', async () => {
    const late = { ...coffee, productId: randomUUID(), sku: `LATE-${randomUUID().slice(0, 6)}`, prices: [{ currency: 'EUR', amountMinor: 1000 }] };
    const due = orderDue(randomUUID(), 0, [{ product: filters, quantity: 1 }, { product: late, quantity: 2 }]);
    const sameProduct = orderDue(randomUUID(), 3, [{ product: late, quantity: 1 }]);
    await publishTestEvents(Topics.orderDue, [due, sameProduct]); // the race, on purpose: due events before the product event
    const orderId = await waitForCycleOrder(app, due.data.cycleKey);
    const otherId = await waitForCycleOrder(app, sameProduct.data.cycleKey);
    expect((await getOrder(app, orderId)).status).toBe('on-hold');

    await catalogProduct(app, late);
    const released = await waitForStatus(app, orderId, 'created');
    expect(released).toMatchObject({
      holdReason: null, statusBeforeHold: null, totalMinor: 350 + 2000,
      lines: [{ sku: filters.sku, unitPriceMinor: 350 }, { sku: late.sku, unitPriceMinor: 1000, lineTotalMinor: 2000 }],
      history: [{ toStatus: 'on-hold' }, { fromStatus: 'on-hold', toStatus: 'created', reason: 'hold released: every line is priced now' }],
    });
    expect(await waitForStatus(app, otherId, 'created')).toMatchObject({ totalMinor: 1000 });
    const published = await events.waitFor((e) => e.subject === orderId, 2);
    expect(published.map((e) => e.type)).toEqual([EventTypes.orderOnHold, EventTypes.orderCreated]); // "created" lets fulfillment reserve it
    expect(dataOf(published[1]!)).toMatchObject({ status: 'created', totalMinor: 2350 });
  });

  it('keeps a pricing hold while the arrived product has no price in the order currency, and releases it when one is added', async () => {
    const euroOnly = { ...coffee, productId: randomUUID(), sku: `EURO-${randomUUID().slice(0, 6)}`, prices: [{ currency: 'EUR', amountMinor: 500 }] };
    const due = orderDue(randomUUID(), 0, [{ product: euroOnly, quantity: 2 }], { currency: 'GBP' });
    await publishTestEvents(Topics.orderDue, [due]);
    const orderId = await waitForCycleOrder(app, due.data.cycleKey);
    await catalogProduct(app, euroOnly);
    expect(await getOrder(app, orderId)).toMatchObject({ status: 'on-hold', lines: [{ unitPriceMinor: null }] });
    await catalogProduct(app, { ...euroOnly, prices: [...euroOnly.prices, { currency: 'GBP', amountMinor: 450 }], version: 2 });
    expect(await waitForStatus(app, orderId, 'created')).toMatchObject({ currency: 'GBP', totalMinor: 900 });
  });

  it('leaves a hold placed by a person alone when a product of the order changes', async () => {
    const due = orderDue(randomUUID(), 0, [{ product: filters, quantity: 1 }]);
    await publishTestEvents(Topics.orderDue, [due]);
    const orderId = await waitForCycleOrder(app, due.data.cycleKey);
    await http(app).post(`/orders/${orderId}/hold`).send({ reason: 'address check' }).expect(200);
    await catalogProduct(app, { ...filters, version: filters.version + 10 });
    expect(await getOrder(app, orderId)).toMatchObject({ status: 'on-hold', holdReason: 'address check' });
  });
});
