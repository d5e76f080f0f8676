import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { ProductChangedV1 } from '@oms/contracts';
import { httpAs } from '@oms/testing';

/** A customer id of its own per test, so stored cards never leak between tests. */
export const newCustomer = (): string => `cust-${randomUUID().slice(0, 8)}`;

/** Stores a card for the customer (as csr); the response body: { paymentMethod, retriedOrders }. */
export async function addCard(app: INestApplication, customerId: string, token: string, last4 = '4242') {
  const body = { providerToken: token, brand: 'visa', last4, expiryMonth: 12, expiryYear: 2030 };
  return (await httpAs(app, 'csr').post(`/customers/${customerId}/payment-methods`).send(body).expect(201)).body as {
    paymentMethod: { paymentMethodId: string; label: string };
    retriedOrders: Array<{ orderId: string; result: string }>;
  };
}

/** Places a one-off order over HTTP as csr; its id and status. */
export async function placeOrder(app: INestApplication, customerId: string, product: ProductChangedV1, channel: 'web' | 'call-center' = 'call-center', quantity = 1) {
  const body = { customerId, customerEmail: 'ann@example.com', channel, currency: 'EUR', lines: [{ productId: product.productId, quantity }] };
  const { body: order } = await httpAs(app, 'csr').post('/orders').send(body).expect(201);
  return order as { orderId: string; status: string; holdReason: string | null; totalMinor: number };
}

export interface PaymentsView {
  paymentMode: string;
  authorizedMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  balanceMinor: number;
  payments: Array<{ type: string; status: string; amountMinor: number; attempt: number; failureCode: string | null; providerReference: string | null; actor: { sub: string; role: string } }>;
}

export async function paymentsOf(app: INestApplication, orderId: string): Promise<PaymentsView> {
  return (await httpAs(app, 'csr').get(`/orders/${orderId}/payments`).expect(200)).body as PaymentsView;
}
