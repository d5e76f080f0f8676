import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope, OrderDueV1, ProductChangedV1 } from '@oms/contracts';
import { IdempotentConsumer, type BatchEffect, type IdempotentEffect, type SqlClient } from '@oms/outbox';
import { applyBatchAndOneByOne, consumedAt } from '@oms/outbox/testing';
import { ControllableClock } from '@oms/service-runtime';
import { catalogProduct, http, orderDue, resetOrders, startOrders } from './support/orders-test-kit';
import { ordersLeft } from './support/orders-left';
import { addCard, newCustomer } from './support/payments-test-kit';

const CONSUMER = 'orders.order-due';

/**
 * The order-due consumer's batch form (every cycle's context in one statement, every new order in another) against
 * its pg variant applied event by event, on the real database: the same scenario, on fresh subscriptions each, must
 * leave the same orders, lines, holds, history, pending authorizations and events. The batch is applied directly (as
 * the Kafka consumer does), so what lands in one batch does not depend on how the broker happens to deliver it.
 */
describe('orders from due cycles in batches', () => {
  const clock = new ControllableClock(new Date('2026-03-05T09:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;
  let book: ProductChangedV1;
  // Codes of this run only, so no other suite's products are taxed by these rates.
  const goods = `g-${randomUUID().slice(0, 8)}`;
  const books = `b-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    app = await startOrders(clock);
    coffee = await catalogProduct(app, { taxCode: goods, prices: [{ currency: 'EUR', amountMinor: 1000 }] });
    book = await catalogProduct(app, { taxCode: books, prices: [{ currency: 'EUR', amountMinor: 1550 }] });
    const rate = (body: Record<string, unknown>) => http(app).post('/tax-rates').send(body).expect(201);
    await rate({ taxCode: goods, countryCode: 'DE', ratePercent: '19', validFrom: '2020-01-01' });
    await rate({ taxCode: books, countryCode: 'DE', ratePercent: '7', validFrom: '2020-01-01' });
    await rate({ taxCode: goods, countryCode: 'US', regionCode: 'NY', ratePercent: '8.875', validFrom: '2020-01-01' });
    await rate({ taxCode: goods, countryCode: 'US', ratePercent: '5', validFrom: '2020-01-01' });
  });
  beforeEach(() => resetOrders(app));
  afterAll(async () => {
    await app?.close();
  });

  const consumed = (envelope: EventEnvelope, offset: number) => consumedAt('subscriptions.order-due', envelope, offset);
  const address = (countryCode: string, region?: string) => ({ name: 'Ann Smith', lines: ['Main 1'], postcode: '10115', city: 'Berlin', countryCode, ...(region && { region }) });

  /**
   * Subscriptions a-g: a ships to Germany (two tax codes); b has a product the read model does not know (born on a
   * pricing hold); c's event is delivered twice; d's cycle comes as two events; e's cycle has its order from an
   * earlier batch; f's customer has a card (payment hold, authorization after commit); g is a continuity step with
   * an agreed price, shipped to New York. Returns the batch's events and the subscriptions' ids.
   */
  async function scenario() {
    const subs = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID(), e: randomUUID(), f: randomUUID(), g: randomUUID() };
    const cardHolder = newCustomer();
    await addCard(app, cardHolder, 'tok_approve');
    const due = (name: keyof typeof subs, lines: Parameters<typeof orderDue>[2], overrides: Partial<OrderDueV1> = {}) =>
      orderDue(subs[name], name === 'g' ? 2 : 0, lines, { customerId: `cust-${name}`, ...overrides });
    const earlier = due('e', [{ product: coffee, quantity: 1 }]);
    await idempotent().applyBatchOnPg(CONSUMER, [consumed(earlier, 0)], await variant());
    const c = due('c', [{ product: coffee, quantity: 1 }]);
    const d = due('d', [{ product: coffee, quantity: 3 }]);
    const unknown = { ...coffee, productId: randomUUID(), sku: 'SKU-GONE' };
    const continuity = due('g', [{ product: coffee, quantity: 2 }], { shipTo: address('US', 'NY') });
    const events = [
      due('a', [{ product: coffee, quantity: 3 }, { product: book, quantity: 1 }], { shipTo: address('DE') }),
      due('b', [{ product: coffee, quantity: 1 }, { product: unknown, quantity: 1 }]),
      c,
      d,
      c,
      due('e', [{ product: coffee, quantity: 1 }]),
      { ...d, id: randomUUID() },
      due('f', [{ product: book, quantity: 1 }], { customerId: cardHolder, timeZone: 'Europe/Berlin' }),
      { ...continuity, data: { ...continuity.data, lines: continuity.data.lines.map((line) => ({ ...line, unitPriceMinor: 750 })) } },
    ];
    // The scenario's other random ids, labelled the same in both runs.
    const lineIds = [earlier, ...events].flatMap((event) => event.data.lines.map((line, i) => [line.lineId, `line ${event.data.subscriptionId} ${i}`] as [string, string]));
    const others: Array<[string, string]> = [...lineIds, [unknown.productId, 'unknown product'], [cardHolder, 'card holder']];
    return { subs, others, events: events.map((event, i) => consumed(event, i + 1)) };
  }

  const idempotent = () => app.get(IdempotentConsumer);
  // The consumer class is imported as the test kit imports the app: lazily, once the test environment is set.
  const orderDues = async () => app.get((await import('../src/orders/intake/order-due.consumer')).OrderDueConsumer);
  const variant = async (): Promise<IdempotentEffect<SqlClient>> => {
    const consumer = await orderDues();
    return (tx, envelope, context) => consumer.createOrderOnPg(tx, envelope, context);
  };
  const batchForm = async (): Promise<BatchEffect<SqlClient>> => {
    const consumer = await orderDues();
    return (tx, events) => consumer.createOrdersOnPg(tx, events);
  };

  it('leaves what the variant leaves event by event: orders, lines, holds, history, pending authorizations, events', async () => {
    const { batched, oneByOne } = await applyBatchAndOneByOne(idempotent(), CONSUMER, { batch: await batchForm(), single: await variant() }, scenario);

    const left = await ordersLeft(app, batched);
    expect(left).toEqual(await ordersLeft(app, oneByOne));
    // And what that is, so the comparison is not between two empty results: one order per cycle, in the batch's order.
    expect(left.orders.map((o: { subscriptionId: string; status: string }) => `${o.subscriptionId} ${o.status}`)).toEqual(['e created', 'a created', 'b on-hold', 'c created', 'd created', 'f created', 'g created']);
    expect(left.orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(['SO-e+0', 'SO-a+1', 'SO-b+2', 'SO-c+3', 'SO-d+4', 'SO-f+5', 'SO-g+6']);
    expect(left.holds.map((h: { orderId: string; type: string }) => `${h.orderId} ${h.type}`)).toEqual(['b pricing', 'f payment']);
    expect(left.lines.filter((l: { orderId: string }) => l.orderId === 'a').map((l: { taxRatePpm: number }) => l.taxRatePpm)).toEqual([190000, 70000]);
    expect(left.lines.find((l: { orderId: string }) => l.orderId === 'g')).toMatchObject({ unitPriceMinor: '750n', taxRatePpm: 88750 });
    expect(left.pending).toHaveLength(0); // f's authorization was asked after commit, in both runs
  });

  it('applies a batch the batch form fails on event by event, the bad event alone failing', async () => {
    const { subs, others, events } = await scenario();
    const b = events[1]!;
    const broken: typeof b = { ...b, envelope: { ...b.envelope, data: { ...(b.envelope.data as OrderDueV1), currency: null as unknown as string } } };
    const failures = await idempotent().applyBatchOnPg(CONSUMER, [events[0]!, broken, ...events.slice(2)], await variant(), await batchForm());

    expect(failures.map((failure) => failure.event.envelope.id)).toEqual([broken.envelope.id]);
    const left = await ordersLeft(app, { subs, others });
    expect(left.orders.map((o: { subscriptionId: string }) => o.subscriptionId)).toEqual(['e', 'a', 'c', 'd', 'f', 'g']);
  });
});

