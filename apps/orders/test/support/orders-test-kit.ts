import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  createEnvelope, cycleKeyFor, EventTypes, Topics,
  type ChannelOrderPlacedV1, type EventEnvelope, type OrderDueV1, type ProductChangedV1, type ReservationOutcomeV1, type ShipmentStatusV1, type ShipToV1,
} from '@oms/contracts';
import { CLOCK, type ControllableClock } from '@oms/service-runtime';
import { createServiceTestApp, httpAs, publishTestEvents, waitFor } from '@oms/testing';
import { PrismaService } from '../../src/database/prisma.service';

/** Boots the orders service with a controllable clock (created_at and history times come from it). */
export async function startOrders(clock: ControllableClock): Promise<INestApplication> {
  return createServiceTestApp({
    service: 'orders',
    loadModule: async () => (await import('../../src/app.module')).AppModule,
    overrides: [{ provide: CLOCK, useValue: clock }],
    // The late-order watchdog runs when a test asks (POST /jobs/late-orders/runs), never behind its back.
    env: { LATE_ORDER_WATCHDOG_INTERVAL_MS: '0', DUNNING_INTERVAL_MS: '0' },
  });
}

export function prismaOf(app: INestApplication): PrismaService {
  return app.get(PrismaService);
}

export function http(app: INestApplication) {
  return httpAs(app);
}

/** Removes every order (lines and history cascade) so each test's counts are its own; the read model stays. */
export async function resetOrders(app: INestApplication): Promise<void> {
  await prismaOf(app).$executeRaw`TRUNCATE sales_order CASCADE`;
}

/** Publishes a product on the catalog topic and waits until the read model has that version. */
export async function catalogProduct(app: INestApplication, overrides: Partial<ProductChangedV1> = {}): Promise<ProductChangedV1> {
  const product: ProductChangedV1 = {
    productId: randomUUID(), sku: `SKU-${randomUUID().slice(0, 8)}`, name: 'Coffee beans', type: 'goods', subscribable: true,
    allowedFrequencies: [{ unit: 'month', interval: 1 }], prices: [{ currency: 'EUR', amountMinor: 1999 }], status: 'active', version: 1,
    ...overrides,
  };
  await publishTestEvents(Topics.catalogProduct, [createEnvelope({ type: EventTypes.productChanged, source: '/catalog', subject: product.productId, data: product })]);
  await waitFor(() => prismaOf(app).catalogProduct.findUnique({ where: { productId: product.productId } }), (row) => row?.version === product.version, { what: `product ${product.sku} in the read model` });
  return product;
}

/** A due-order event of cycle `cycleIndex` of `subscriptionId`, one line per product. */
export function orderDue(subscriptionId: string, cycleIndex: number, lines: Array<{ product: ProductChangedV1; quantity: number }>, overrides: Partial<OrderDueV1> = {}): EventEnvelope<OrderDueV1> {
  const data: OrderDueV1 = {
    subscriptionId, cycleIndex, cycleKey: cycleKeyFor(subscriptionId, cycleIndex), dueAt: '2026-02-01T08:00:00.000Z',
    customerId: 'cust-sub', customerEmail: 'ann@example.com', channel: 'web', currency: 'EUR',
    lines: lines.map(({ product, quantity }) => ({ lineId: randomUUID(), productId: product.productId, sku: product.sku, quantity })),
    ...overrides,
  };
  return createEnvelope({ type: EventTypes.orderDue, source: '/subscriptions', subject: subscriptionId, data });
}

export function channelOrder(data: Partial<ChannelOrderPlacedV1> & Pick<ChannelOrderPlacedV1, 'lines'>): EventEnvelope<ChannelOrderPlacedV1> {
  const placed: ChannelOrderPlacedV1 = { channelOrderId: `web-${randomUUID().slice(0, 8)}`, channel: 'web', customerId: 'cust-web', currency: 'EUR', placedAt: '2026-02-01T10:00:00Z', ...data };
  return createEnvelope({ type: EventTypes.channelOrderPlaced, source: '/channels/web', subject: placed.channelOrderId, data: placed });
}

type ReservationType = typeof EventTypes.reservationReserved | typeof EventTypes.reservationShortage | typeof EventTypes.reservationReleased;

export function reservation(type: ReservationType, orderId: string, lines: ReservationOutcomeV1['lines'] = [{ sku: 'SKU', quantity: 1 }]): EventEnvelope<ReservationOutcomeV1> {
  const outcome = type.split('.')[2] as ReservationOutcomeV1['outcome'];
  return createEnvelope({ type, source: '/fulfillment', subject: orderId, data: { reservationId: randomUUID(), orderId, outcome, kind: 'short-term', lines } });
}

export function shipment(orderId: string, status: ShipmentStatusV1['status']): EventEnvelope<ShipmentStatusV1> {
  return createEnvelope({
    type: EventTypes.shipmentStatusChanged, source: '/fulfillment', subject: orderId,
    data: { shipmentId: randomUUID(), orderId, status, occurredAt: '2026-02-02T10:00:00Z', carrier: 'PostNL', trackingNumber: '3S123' },
  });
}

export interface OrderView {
  orderId: string;
  orderNumber: string;
  status: string;
  statusBeforeHold: string | null;
  holdReason: string | null;
  totalMinor: number;
  channel: string;
  externalRef: string | null;
  shipTo: ShipToV1 | null;
  deliveryMode: string;
  promisedShipBy: string | null;
  lateNoticedAt: string | null;
  cancelCode: string | null;
  lines: Array<{ sku: string; quantity: number; unitPriceMinor: number | null; lineTotalMinor: number | null }>;
  history: Array<{ fromStatus: string | null; toStatus: string; reason: string | null }>;
}

export async function getOrder(app: INestApplication, orderId: string): Promise<OrderView> {
  return (await http(app).get(`/orders/${orderId}`).expect(200)).body as OrderView;
}

/** Polls GET /orders/{id} until the order reaches `status`. */
export async function waitForStatus(app: INestApplication, orderId: string, status: string): Promise<OrderView> {
  return waitFor(() => getOrder(app, orderId), (order) => order.status === status, { what: `order ${orderId} ${status}` });
}

/** Waits until the order of a cycle exists; its id. */
export async function waitForCycleOrder(app: INestApplication, cycleKey: string): Promise<string> {
  // Written, and its card authorization (asked after the consumer's commit) answered, unless a line waits for its price.
  const settled = async () => {
    const order = await prismaOf(app).salesOrder.findUnique({ where: { cycleKey }, include: { lines: true, pendingAuthorization: true } });
    return order && (!order.pendingAuthorization || order.lines.some((line) => line.unitPriceMinor === null)) ? order : null;
  };
  const row = await waitFor(settled, (found) => found !== null, { what: `order of ${cycleKey}` });
  return row!.id;
}
