import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type EventEnvelope, type PaymentEventV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs, publishTestEvents } from '@oms/testing';
import { catalogProduct, getOrder, prismaOf, reservation, resetOrders, shipment, startOrders, waitForStatus } from './support/orders-test-kit';
import { addCard, newCustomer, paymentsOf, placeOrder } from './support/payments-test-kit';

describe('orders: payment methods, authorization, capture, void and refunds', () => {
  const clock = new ControllableClock(new Date('2026-03-01T09:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.order, Topics.payment]);
    app = await startOrders(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    await resetOrders(app);
    await prismaOf(app).$executeRaw`TRUNCATE payment, dunning_case, payment_setting`;
  });
  afterAll(async () => {
    // The settings are the service's, shared with the suites after this one: back to the defaults.
    if (app) await prismaOf(app).$executeRaw`TRUNCATE payment_setting`;
    await app?.close();
    await events?.stop();
  });

  const paymentEvents = (orderId: string, count: number) => events.waitFor((e) => e.subject === orderId && e.type.startsWith('orders.payment.'), count);

  it('stores cards as token, brand, last four and expiry; lists the newest first; removes one; refuses an expired card naming the field', async () => {
    const customerId = newCustomer();
    const first = await addCard(app, customerId, 'tok_approve', '1111');
    const second = await addCard(app, customerId, 'tok_approve__b', '2222');
    const listed = await httpAs(app, 'customer', customerId).get(`/customers/${customerId}/payment-methods`).expect(200);
    expect(listed.body.map((m: { last4: string }) => m.last4)).toEqual(['2222', '1111']);
    expect(listed.body[0]).toMatchObject({ brand: 'visa', label: 'Visa ending 2222', expiryMonth: 12, expiryYear: 2030, createdBy: { sub: 'csr-1', role: 'csr' } });
    expect(JSON.stringify(listed.body)).not.toContain('tok_');
    await httpAs(app, 'customer', 'someone-else').get(`/customers/${customerId}/payment-methods`).expect(200, []);
    await httpAs(app, 'customer', customerId).delete(`/customers/${customerId}/payment-methods/${second.paymentMethod.paymentMethodId}`).expect(204);
    await httpAs(app, 'csr').delete(`/customers/${customerId}/payment-methods/${second.paymentMethod.paymentMethodId}`).expect(404);
    const after = await httpAs(app, 'csr').get(`/customers/${customerId}/payment-methods`).expect(200);
    expect(after.body.map((m: { paymentMethodId: string }) => m.paymentMethodId)).toEqual([first.paymentMethod.paymentMethodId]);
    const expired = await httpAs(app, 'csr').post(`/customers/${customerId}/payment-methods`).send({ providerToken: 'tok_approve', brand: 'visa', last4: '4242', expiryMonth: 1, expiryYear: 2026 }).expect(422);
    expect(expired.body.errors).toEqual([{ field: 'expiryMonth', messages: ['the card has expired'] }]);
  });

  it('pays on account without a stored card: no authorization, the order goes on as before', async () => {
    const order = await placeOrder(app, newCustomer(), coffee, 'web');
    expect(order.status).toBe('created');
    expect(await paymentsOf(app, order.orderId)).toMatchObject({ paymentMode: 'on-account', authorizedMinor: 0, balanceMinor: 1999, payments: [] });
  });

  it('authorizes at placement, captures at shipment and refunds after capture (csr up to the limit, admin above)', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    const order = await placeOrder(app, customerId, coffee, 'web', 2);
    expect(order.status).toBe('created');
    expect(await paymentsOf(app, order.orderId)).toMatchObject({ paymentMode: 'card', authorizedMinor: 3998, capturedMinor: 0, balanceMinor: 3998 });
    await publishTestEvents(Topics.reservation, [reservation(EventTypes.reservationReserved, order.orderId)]);
    await waitForStatus(app, order.orderId, 'released');
    await publishTestEvents(Topics.shipment, [shipment(order.orderId, 'shipped')]);
    await waitForStatus(app, order.orderId, 'shipped');
    const captured = await paymentEvents(order.orderId, 2);
    expect(captured.map((e) => e.type)).toEqual([EventTypes.paymentAuthorized, EventTypes.paymentCaptured]);
    expect(captured[1]!.data).toMatchObject({ type: 'capture', amountMinor: 3998, balance: { authorizedMinor: 0, capturedMinor: 3998, balanceMinor: 0 } });
    await httpAs(app, 'admin').put('/settings/payments').send({ csrRefundLimitMinor: 1000 }).expect(200);
    const refused = await httpAs(app, 'csr').post(`/orders/${order.orderId}/refunds`).send({ amountMinor: 1500, reason: 'damaged' }).expect(403);
    expect(refused.body.message).toContain('amountMinor');
    await httpAs(app, 'csr').post(`/orders/${order.orderId}/refunds`).send({ amountMinor: 500, reason: 'one bag torn' }).expect(201);
    const refunded = await httpAs(app, 'admin').post(`/orders/${order.orderId}/refunds`).send({ amountMinor: 1500, reason: 'late delivery' }).expect(201);
    expect(refunded.body).toMatchObject({ capturedMinor: 3998, refundedMinor: 2000, balanceMinor: 2000 });
    expect(refunded.body.payments.map((p: { type: string }) => p.type)).toEqual(['authorization', 'capture', 'refund', 'refund']);
    expect(refunded.body.payments[2]).toMatchObject({ amountMinor: 500, reason: 'one bag torn', actor: { sub: 'csr-1', role: 'csr' } });
    const tooMuch = await httpAs(app, 'admin').post(`/orders/${order.orderId}/refunds`).send({ amountMinor: 2500, reason: 'x' }).expect(422);
    expect(tooMuch.body.errors[0].field).toBe('amountMinor');
    const published = await paymentEvents(order.orderId, 4);
    expect(published[3]).toMatchObject({ type: EventTypes.paymentRefunded, actorsub: 'admin-1', actorrole: 'admin', data: { amountMinor: 1500, balance: { refundedMinor: 2000 } } });
  });

  it('voids the authorization when the order is cancelled before capture; refunds nothing before capture', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_approve');
    const order = await placeOrder(app, customerId, coffee, 'web');
    await httpAs(app, 'csr').post(`/orders/${order.orderId}/refunds`).send({ amountMinor: 100, reason: 'x' }).expect(409);
    await httpAs(app, 'customer', customerId).post(`/orders/${order.orderId}/cancel`).send({ reason: 'changed my mind' }).expect(200);
    expect(await paymentsOf(app, order.orderId)).toMatchObject({ authorizedMinor: 0, capturedMinor: 0, payments: [{ type: 'authorization' }, { type: 'void', status: 'succeeded', amountMinor: 1999, reason: 'changed my mind' }] });
    const [, voided] = await paymentEvents(order.orderId, 2);
    expect(voided).toMatchObject({ type: EventTypes.paymentVoided, actorsub: customerId, actorrole: 'customer' });
  });

  it('holds a declined call-center order for payment (never released to the warehouse) until a new card authorizes it', async () => {
    const customerId = newCustomer();
    await addCard(app, customerId, 'tok_decline_insufficient_funds');
    const order = await placeOrder(app, customerId, coffee);
    expect(order).toMatchObject({ status: 'on-hold', holdReason: 'payment: insufficient funds (insufficient-funds)' });
    await httpAs(app, 'csr').post(`/orders/${order.orderId}/payments/authorize`).expect(200).expect((res) => expect(res.body.result).toBe('declined'));
    const added = await addCard(app, customerId, 'tok_approve__new');
    expect(added.retriedOrders).toEqual([{ orderId: order.orderId, result: 'authorized' }]);
    const released = await getOrder(app, order.orderId);
    expect(released.status).toBe('created');
    const view = await paymentsOf(app, order.orderId);
    expect(view.payments.map((p) => [p.attempt, p.status, p.failureCode])).toEqual([[1, 'failed', 'insufficient-funds'], [2, 'failed', 'insufficient-funds'], [3, 'succeeded', null]]);
    const orderEvents = await events.waitFor((e) => e.subject === order.orderId && e.type.startsWith('orders.order.'), 2);
    expect(orderEvents.map((e: EventEnvelope) => e.type)).toEqual([EventTypes.orderOnHold, EventTypes.orderCreated]);
    const failed = (await paymentEvents(order.orderId, 3))[0]!.data as PaymentEventV1;
    expect(failed).toMatchObject({ type: 'authorization', status: 'failed', failureCode: 'insufficient-funds', cardLabel: 'Visa ending 4242' });
    await httpAs(app, 'csr').post(`/orders/${order.orderId}/payments/authorize`).expect(409);
  });

  it('holds an order of a channel that requires a card when none is stored; fraud and timeouts are failures too', async () => {
    await httpAs(app, 'admin').put('/settings/payments').send({ requireCardChannels: ['call-center'] }).expect(200);
    const customerId = newCustomer();
    const order = await placeOrder(app, customerId, coffee);
    expect(order.holdReason).toContain('(no-payment-method)');
    await httpAs(app, 'csr').post(`/orders/${order.orderId}/payments/authorize`).expect(422);
    expect((await placeOrder(app, newCustomer(), coffee, 'web')).status).toBe('created');
    const fraud = newCustomer();
    await addCard(app, fraud, 'tok_decline_fraud');
    expect((await placeOrder(app, fraud, coffee)).holdReason).toContain('(suspected-fraud)');
    const slow = newCustomer();
    await addCard(app, slow, 'tok_timeout');
    expect((await placeOrder(app, slow, coffee)).holdReason).toContain('(timeout)');
    const changes = await httpAs(app, 'admin').get('/settings/payments/changes').expect(200);
    expect(changes.body[0]).toMatchObject({ value: { requireCardChannels: ['call-center'] }, actor: { sub: 'admin-1', role: 'admin' } });
  });
});
