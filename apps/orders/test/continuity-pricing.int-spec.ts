import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type OrderLifecycleV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, publishTestEvents } from '@oms/testing';
import { catalogProduct, getOrder, orderDue, resetOrders, startOrders, waitForCycleOrder } from './support/orders-test-kit';

describe('orders: a continuity program step is priced from its due event', () => {
  const clock = new ControllableClock(new Date('2026-02-01T08:00:05Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;
  let mug: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app, { prices: [{ currency: 'EUR', amountMinor: 1999 }] });
    mug = await catalogProduct(app, { name: 'Mug', prices: [{ currency: 'USD', amountMinor: 900 }] }); // no EUR list price
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  it("uses the step's agreed unit prices instead of the list prices, and a line without a list price is not held", async () => {
    const subscriptionId = randomUUID();
    const due = orderDue(subscriptionId, 0, [{ product: coffee, quantity: 2 }, { product: mug, quantity: 1 }], {
      continuity: { programId: randomUUID(), programVersion: 1, step: 1, stepCount: 3 },
    });
    due.data.lines[0]!.unitPriceMinor = 499;
    due.data.lines[1]!.unitPriceMinor = 0;
    await publishTestEvents(Topics.orderDue, [due]);
    const orderId = await waitForCycleOrder(app, due.data.cycleKey);
    const order = await getOrder(app, orderId);
    expect(order).toMatchObject({
      status: 'created', totalMinor: 998,
      lines: [{ sku: coffee.sku, quantity: 2, unitPriceMinor: 499, lineTotalMinor: 998 }, { sku: mug.sku, quantity: 1, unitPriceMinor: 0, lineTotalMinor: 0 }],
    });
    const [created] = await events.waitFor((e) => e.subject === orderId);
    expect(created!.type).toBe(EventTypes.orderCreated);
    expect((created!.data as OrderLifecycleV1).lines.map((l) => l.unitPriceMinor)).toEqual([499, 0]);
  });

  it('a line without an agreed price keeps the list price (and a missing one still holds the order)', async () => {
    const subscriptionId = randomUUID();
    const due = orderDue(subscriptionId, 1, [{ product: coffee, quantity: 1 }, { product: mug, quantity: 1 }]);
    due.data.lines[0]!.unitPriceMinor = 1599;
    await publishTestEvents(Topics.orderDue, [due]);
    const order = await getOrder(app, await waitForCycleOrder(app, due.data.cycleKey));
    expect(order.lines.map((l: { unitPriceMinor: number | null }) => l.unitPriceMinor)).toEqual([1599, null]);
    expect(order.status).toBe('on-hold');
  });
});
