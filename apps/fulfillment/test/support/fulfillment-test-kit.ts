import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createEnvelope, EventTypes, Topics, type EventEnvelope, type EventType, type OrderHoldType, type OrderHoldV1, type OrderLifecycleV1, type OrderLineKind, type OrderStatus } from '@oms/contracts';
import { CLOCK, type ControllableClock } from '@oms/service-runtime';
import { createServiceTestApp, httpAs, publishTestEvents, waitFor } from '@oms/testing';
import type { PrismaService } from '../../src/database/prisma.service';

/** Boots the fulfillment service; the backorder sweep is off so only stock changes retry backorders. */
export async function startFulfillment(clock?: ControllableClock): Promise<INestApplication> {
  return createServiceTestApp({
    service: 'fulfillment',
    loadModule: async () => (await import('../../src/app.module')).AppModule,
    env: { BACKORDER_SWEEP_INTERVAL_MS: '0' },
    overrides: clock ? [{ provide: CLOCK, useValue: clock }] : [],
  });
}

export async function prismaOf(app: INestApplication): Promise<PrismaService> {
  return app.get<PrismaService>((await import('../../src/database/prisma.service')).PrismaService);
}

/** Removes all stock, reservations, backorders and shipments so each test's counts are its own. */
export async function resetFulfillment(app: INestApplication): Promise<void> {
  const prisma = await prismaOf(app);
  await prisma.$executeRaw`TRUNCATE warehouse, stock, stock_movement, reservation, backorder, shipment, shipment_status_change, rental_unit, rental_hold, order_hold CASCADE`;
}

export function http(app: INestApplication) {
  return httpAs(app);
}

/** A SKU no other test uses (events on the topics outlive the database). */
export function newSku(): string {
  return `SKU-${randomUUID().slice(0, 8).toUpperCase()}`;
}

export async function stockUp(app: INestApplication, code: string, sku: string, onHand: number): Promise<void> {
  await http(app).put(`/warehouses/${code}/stock/${sku}`).send({ onHand }).expect(200);
}

type Line = { sku: string; quantity: number; kind?: OrderLineKind; subscriptionLineId?: string };

function orderEvent(type: typeof EventTypes.orderCreated | typeof EventTypes.orderCancelled, orderId: string, lines: Line[], subscriptionId?: string): EventEnvelope<OrderLifecycleV1> {
  const data: OrderLifecycleV1 = {
    orderId, orderNumber: `SO-${orderId.slice(0, 6)}`, customerId: 'cust-1', status: type === EventTypes.orderCreated ? 'created' : 'cancelled',
    currency: 'EUR', totalMinor: 1000, ...(subscriptionId && { subscriptionId }),
    lines: lines.map((l, i) => ({ lineId: `line-${i + 1}`, productId: randomUUID(), sku: l.sku, quantity: l.quantity, unitPriceMinor: 500, ...(l.kind && { kind: l.kind }), ...(l.subscriptionLineId && { subscriptionLineId: l.subscriptionLineId }) })),
  };
  return createEnvelope({ type, source: '/orders', subject: orderId, data });
}

export function orderCreated(lines: Line[], orderId: string = randomUUID(), subscriptionId?: string) {
  return orderEvent(EventTypes.orderCreated, orderId, lines, subscriptionId);
}

export function orderCancelled(created: EventEnvelope<OrderLifecycleV1>) {
  return orderEvent(EventTypes.orderCancelled, created.data.orderId, created.data.lines, created.data.subscriptionId);
}

/** A typed hold as orders publishes it, placed by a service rep now. */
export function orderHold(type: OrderHoldType, code = `${type}-check`): OrderHoldV1 {
  return { holdId: randomUUID(), type, code, reason: `${type} check`, placedBy: { sub: 'csr-ann', role: 'csr' }, placedAt: new Date().toISOString() };
}

/** The hold as its clearing event carries it. */
export function cleared(hold: OrderHoldV1): OrderHoldV1 {
  return { ...hold, clearedBy: { sub: 'csr-ann', role: 'csr' }, clearedAt: new Date().toISOString(), clearReason: 'checked' };
}

/**
 * An order event of `type` (on-hold, hold-placed, hold-cleared, or the status the
 * order returns to) for the order of `created`, with the holds it placed and cleared.
 */
export function holdChange(
  created: EventEnvelope<OrderLifecycleV1>, type: EventType, status: OrderStatus, change: { placed?: OrderHoldV1[]; cleared?: OrderHoldV1[] },
): EventEnvelope<OrderLifecycleV1> {
  const data: OrderLifecycleV1 = {
    ...created.data, status, ...(change.placed && { placedHolds: change.placed }), ...(change.cleared && { clearedHolds: change.cleared }),
  };
  return createEnvelope({ type, source: '/orders', subject: created.data.orderId, data }) as EventEnvelope<OrderLifecycleV1>;
}

export async function publishOrders(...envelopes: EventEnvelope[]): Promise<void> {
  await publishTestEvents(Topics.order, envelopes);
}

/**
 * Waits until the service has handled everything published so far with key
 * `orderId`: a marker order on the same partition (same key) is handled after
 * them, and its backorder row shows it was. Tests that prove "exactly once"
 * need this, since a duplicate changes nothing visible.
 */
export async function drainOrderPartition(app: INestApplication, orderId: string): Promise<void> {
  const marker = orderCreated([{ sku: newSku(), quantity: 1 }]);
  await publishTestEvents(Topics.order, [marker], () => orderId);
  const prisma = await prismaOf(app);
  await waitFor(() => prisma.backorder.findUnique({ where: { orderId: marker.data.orderId } }), Boolean, { what: `marker order ${marker.data.orderId}` });
}

export async function reservationOf(app: INestApplication, orderId: string, status?: string) {
  const { body } = await waitFor(
    () => http(app).get(`/reservations?orderId=${orderId}`),
    (r) => r.body.items?.[0] !== undefined && (!status || r.body.items[0].status === status),
    { what: `reservation of order ${orderId}${status ? ` in status ${status}` : ''}` },
  );
  return body.items[0];
}

export async function backorderOf(app: INestApplication, orderId: string, status = 'pending') {
  const { body } = await waitFor(
    () => http(app).get(`/backorders?status=${status}`),
    (r) => r.body.items?.some((b: { orderId: string }) => b.orderId === orderId),
    { what: `${status} backorder of order ${orderId}` },
  );
  return body.items.find((b: { orderId: string }) => b.orderId === orderId);
}

export async function stockOf(app: INestApplication, code: string, sku: string) {
  const { body } = await http(app).get(`/stock?sku=${sku}&warehouse=${code}`).expect(200);
  return body.items[0] as { onHand: number; reserved: number; available: number } | undefined;
}
