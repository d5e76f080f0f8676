import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { cycleKeyFor, EventTypes, Topics, type PaymentEventV1, type ProductChangedV1 } from '@oms/contracts';
import { CLOCK, ControllableClock } from '@oms/service-runtime';
import { createServiceTestApp, EventCollector, httpAs, waitFor } from '@oms/testing';
import { AuthorizationCompletion } from '../src/orders/intake/authorization-completion.service';
import { OrderWriter, type OrderDraft } from '../src/orders/intake/order-writer.service';
import { PAYMENT_PROVIDER, type AuthorizeRequest, type ProviderOutcome, type SettleRequest } from '../src/payments/provider/payment-provider';
import { TestPaymentProvider } from '../src/payments/provider/test-payment.provider';
import { catalogProduct, getOrder, prismaOf, resetOrders } from './support/orders-test-kit';
import { addCard, newCustomer, paymentsOf } from './support/payments-test-kit';

/** The embedded provider, with every authorization's and capture's idempotency key recorded and an optional gate to hold an authorization back. */
class WatchedProvider extends TestPaymentProvider {
  readonly keys: string[] = [];
  readonly captureKeys: string[] = [];
  gate: Promise<void> | null = null;

  override async capture(request: SettleRequest): Promise<ProviderOutcome> {
    this.captureKeys.push(request.idempotencyKey);
    return super.capture(request);
  }

  override async authorize(request: AuthorizeRequest): Promise<ProviderOutcome> {
    this.keys.push(request.idempotencyKey);
    if (this.gate) await this.gate;
    return super.authorize(request);
  }
}

/**
 * A new order's authorization and a shipped order's capture are asked after the writing transaction commits, never
 * inside it: the order is first written on a payment hold with its authorization pending, the answer is recorded in a
 * second transaction, and a sweep (the dunning loop's run) completes what a crash between the two left undone.
 */
describe('orders: authorization and capture after commit, and the sweeps of what a crash left undone', () => {
  const clock = new ControllableClock(new Date('2026-05-04T10:00:00Z'));
  const provider = new WatchedProvider();
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order, Topics.payment]);
    app = await createServiceTestApp({
      service: 'orders', loadModule: async () => (await import('../src/app.module')).AppModule,
      env: { LATE_ORDER_WATCHDOG_INTERVAL_MS: '0', DUNNING_INTERVAL_MS: '0' },
      overrides: [{ provide: CLOCK, useValue: clock }, { provide: PAYMENT_PROVIDER, useValue: provider }],
    });
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    await resetOrders(app);
    await prismaOf(app).$executeRaw`TRUNCATE payment, dunning_case, payment_setting`;
    clock.set(new Date('2026-05-04T10:00:00Z'));
    provider.keys.length = 0;
    provider.captureKeys.length = 0;
  });
  afterAll(async () => {
    if (app) await prismaOf(app).$executeRaw`TRUNCATE payment_setting, dunning_case`;
    await app?.close();
    await events?.stop();
  });

  type SweepResult = Array<{ orderId: string; result: string }>;
  const runSweep = async () => (await httpAs(app, 'ops').post('/payments/dunning/run').expect(200)).body as { pendingAuthorizations: SweepResult; captures: SweepResult };
  const pendingRow = (orderId: string) => prismaOf(app).pendingAuthorization.findUnique({ where: { orderId } });
  /** Writes an order as the intake does, committed, without asking the provider afterwards: the state a crash right after commit leaves. */
  const writeOnly = async (customerId: string, cycle?: { subscriptionId: string; timeZone: string }) => {
    const draft: OrderDraft = {
      customerId, customerEmail: 'ann@example.com', customerName: null, customerPhone: null, channel: cycle ? 'subscription' : 'web', createdBy: null,
      sourceRef: cycle ? null : randomUUID(), subscriptionId: cycle?.subscriptionId ?? null, cycleIndex: cycle ? 0 : null,
      cycleKey: cycle ? cycleKeyFor(cycle.subscriptionId, 0) : null, currency: 'EUR', outOfStockPolicy: 'backorder', shipTo: null, billTo: null,
      deliveryMode: 'standard', screenForFraud: false, timeZone: cycle?.timeZone ?? null,
      pricing: { lines: [{ productId: coffee.productId, sku: coffee.sku, quantity: 1, unitPriceMinor: 1999, lineTotalMinor: 1999 }], totalMinor: 1999, problems: [] },
    };
    const written = await prismaOf(app).$transaction((tx) => app.get(OrderWriter).insert(tx, draft, { correlationId: undefined, actor: { sub: 'csr-1', role: 'csr' } }));
    expect(written).toMatchObject({ created: true, authorizationPending: true });
    return written.order.id;
  };

  it('commits the order on a pending payment hold before the provider answers, holding no lock meanwhile; the answer releases it', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    let answer!: () => void;
    provider.gate = new Promise((resolve) => { answer = resolve; });
    const placing = httpAs(app, 'csr').post('/orders').send({ customerId, customerEmail: 'ann@example.com', channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 1 }] }).then((r) => r);
    try {
      // The provider is being asked: the order is committed, on hold, its authorization pending.
      await waitFor(async () => provider.keys.length, (n) => n === 1, { what: 'the authorization asked of the provider' });
      const [{ id: orderId }] = await prismaOf(app).$queryRaw<[{ id: string }]>`SELECT id::text FROM sales_order WHERE customer_id = ${customerId}`;
      expect(provider.keys).toEqual([`${orderId}:auth:1`]);
      const held = await getOrder(app, orderId);
      expect(held).toMatchObject({ status: 'on-hold', holdReason: 'payment: authorization pending (authorization-pending)' });
      expect(await pendingRow(orderId)).toMatchObject({ attempt: 1 });
      // No transaction holds the order's row while the provider answers: another one locks it at once.
      await prismaOf(app).$transaction(async (tx) => { await tx.$queryRaw`SELECT id FROM sales_order WHERE id = ${orderId}::uuid FOR UPDATE NOWAIT`; });
    } finally {
      answer();
      provider.gate = null;
    }
    const placed = (await placing).body as { orderId: string; status: string; holdReason: string | null };
    expect(placed).toMatchObject({ status: 'created', holdReason: null });
    expect(await pendingRow(placed.orderId)).toBeNull();
    expect((await paymentsOf(app, placed.orderId)).payments.map((p) => [p.attempt, p.status, p.actor.sub])).toEqual([[1, 'succeeded', 'csr-1']]);
    const lifecycle = await events.waitFor((e) => e.subject === placed.orderId && e.type.startsWith('orders.order.'), 2);
    expect(lifecycle.map((e) => e.type)).toEqual([EventTypes.orderOnHold, EventTypes.orderCreated]);
    expect(lifecycle[1]!.data).toMatchObject({ clearedHolds: [{ type: 'payment', code: 'authorization-pending', clearReason: 'payment authorized (attempt 1)' }] });
  });

  it('sweeps an authorization a crash left pending once its grace is over: authorized once, however often it is asked', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    const orderId = await writeOnly(customerId);
    expect(await getOrder(app, orderId)).toMatchObject({ status: 'on-hold', holdReason: 'payment: authorization pending (authorization-pending)' });
    // Within the grace the order's own caller may still be asking: the sweep leaves it.
    expect((await runSweep()).pendingAuthorizations).toEqual([]);
    clock.advance(6_000);
    expect((await runSweep()).pendingAuthorizations).toEqual([{ orderId, result: 'authorized' }]);
    expect((await getOrder(app, orderId)).status).toBe('created');
    expect(await pendingRow(orderId)).toBeNull();
    const view = await paymentsOf(app, orderId);
    expect(view).toMatchObject({ authorizedMinor: 1999, payments: [{ type: 'authorization', status: 'succeeded', attempt: 1, actor: { sub: 'system:orders-payments', role: 'system' } }] });
    // Asked again (a late caller, a second replica): the same key, nothing more recorded.
    expect(await app.get(AuthorizationCompletion).complete(orderId, { correlationId: undefined, actor: { sub: 'csr-1', role: 'csr' } })).toBe('not-pending');
    clock.advance(120_000);
    expect((await runSweep()).pendingAuthorizations).toEqual([]);
    expect(provider.keys).toEqual([`${orderId}:auth:1`]);
    expect((await paymentsOf(app, orderId)).payments).toHaveLength(1);
  });

  it('two callers completing one pending authorization at once ask with the same key and record it once', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    const orderId = await writeOnly(customerId);
    const completion = app.get(AuthorizationCompletion);
    const cause = { correlationId: undefined, actor: { sub: 'csr-1', role: 'csr' as const } };
    // Both ask before either records (the gate holds the provider's answers until both have asked).
    let answer!: () => void;
    provider.gate = new Promise((resolve) => { answer = resolve; });
    const both = Promise.all([completion.complete(orderId, cause), completion.complete(orderId, cause)]);
    try {
      await waitFor(async () => provider.keys.length, (n) => n === 2, { what: 'both callers asking the provider' });
    } finally {
      answer();
      provider.gate = null;
    }
    expect((await both).sort()).toEqual(['authorized', 'not-pending']);
    expect(provider.keys).toEqual([`${orderId}:auth:1`, `${orderId}:auth:1`]);
    expect((await paymentsOf(app, orderId)).payments.map((p) => [p.type, p.status])).toEqual([['authorization', 'succeeded']]);
  });

  it("sweeps a subscription cycle's pending authorization that declines: the dunning ladder opens in the subscription's zone", async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_decline_insufficient_funds');
    const orderId = await writeOnly(customerId, { subscriptionId: randomUUID(), timeZone: 'America/New_York' });
    clock.advance(6_000);
    expect((await runSweep()).pendingAuthorizations).toEqual([{ orderId, result: 'declined' }]);
    expect(await getOrder(app, orderId)).toMatchObject({ status: 'on-hold', holdReason: 'payment: insufficient funds (insufficient-funds)' });
    const cases = await httpAs(app, 'csr').get('/payments/dunning?status=open').expect(200);
    // First failure 2026-05-04 10:00:06 UTC = 06:00 in New York; the first retry one day later there.
    expect(cases.body.items).toEqual([expect.objectContaining({ orderId, timeZone: 'America/New_York', failedAttempts: 1, nextAttemptAt: '2026-05-05T10:00:06.000Z' })]);
    const [failed] = await events.waitFor((e) => e.subject === orderId && e.type === EventTypes.paymentAuthorizationFailed);
    expect((failed!.data as PaymentEventV1)).toMatchObject({ attempt: 1, failureCode: 'insufficient-funds', dunning: { failedAttempts: 1 } });
  });

  it('captures a shipped order whose capture a crash left undone, once the grace is over, and only once', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    const { body: order } = await httpAs(app, 'csr').post('/orders').send({ customerId, channel: 'web', currency: 'EUR', lines: [{ productId: coffee.productId, quantity: 2 }] }).expect(201);
    expect(order.status).toBe('created');
    // The shipment's transaction committed, the process died before its after-commit capture ran.
    await prismaOf(app).$executeRaw`UPDATE sales_order SET status = 'shipped', updated_at = ${clock.now()} WHERE id = ${order.orderId}::uuid`;
    expect((await runSweep()).captures).toEqual([]);
    clock.advance(6_000);
    expect((await runSweep()).captures).toEqual([{ orderId: order.orderId, result: 'captured' }]);
    expect(await paymentsOf(app, order.orderId)).toMatchObject({ authorizedMinor: 0, capturedMinor: 3998, balanceMinor: 0 });
    clock.advance(60_000);
    expect((await runSweep()).captures).toEqual([]);
    const [authorization] = (await paymentsOf(app, order.orderId)).payments;
    expect(provider.captureKeys).toHaveLength(1);
    expect(provider.captureKeys[0]).toMatch(new RegExp(`^${order.orderId}:capture:`));
    expect(authorization).toMatchObject({ type: 'authorization', status: 'succeeded' });
  });
});
