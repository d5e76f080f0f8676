import type { INestApplication } from '@nestjs/common';
import { prismaOf } from './fulfillment-test-kit';

/** A scenario's orders and SKUs by label, and its other random ids (events, correlations) with their labels. */
export interface LabelledScenario {
  orders: Record<string, string>;
  skus: Record<string, string>;
  others: Array<[string, string]>;
}

/**
 * What fulfillment left for a scenario's orders and SKUs (stock counters, reservations with their lines and
 * releases, backorders, the outbox in publication order), with ids replaced by labels: orders and SKUs by theirs,
 * warehouses by their codes, reservations by their order's. Two runs of one scenario on fresh ids compare equal
 * when they wrote the same.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a labelled JSON copy, compared and inspected by the tests
export async function fulfillmentLeft(app: INestApplication, { orders, skus, others }: LabelledScenario): Promise<any> {
  const prisma = await prismaOf(app);
  const orderIds = Object.values(orders);
  const stock = await prisma.stock.findMany({ where: { sku: { in: Object.values(skus) } }, include: { warehouse: true } });
  const reservations = await prisma.reservation.findMany({
    where: { orderId: { in: orderIds } },
    include: { lines: { orderBy: { lineNo: 'asc' } }, releases: { include: { lines: { orderBy: { lineNo: 'asc' } } } } },
  });
  const backorders = await prisma.backorder.findMany({ where: { orderId: { in: orderIds } }, orderBy: { position: 'asc' }, include: { lines: { orderBy: { lineNo: 'asc' } } } });
  const outbox = await prisma.outboxEvent.findMany({ where: { messageKey: { in: orderIds } }, orderBy: { id: 'asc' } });
  const warehouses = await prisma.warehouse.findMany();
  const labels: Array<[string, string]> = [
    ...others,
    // Before the orders and warehouses: a release's label names its reservation and warehouse, a reservation's its order.
    ...reservations.flatMap((r) => r.releases.map((release): [string, string] => [release.id, `release to ${release.warehouseId} of ${r.id}`])),
    ...reservations.map((r): [string, string] => [r.id, `reservation of ${r.orderId}`]),
    ...backorders.map((b): [string, string] => [b.reservationId, `reservation of ${b.orderId}`]),
    ...Object.entries(orders).map(([name, id]): [string, string] => [id, name]),
    ...Object.entries(skus).map(([name, sku]): [string, string] => [sku, name]),
    ...warehouses.map((w): [string, string] => [w.id, w.code]),
  ];
  const shown = (value: unknown) => JSON.parse(labels.reduce((text, [id, name]) => text.replaceAll(id, name),
    JSON.stringify(value, (key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))));
  const left = shown({
    stock: stock.map(({ warehouse, sku, onHand, reserved }) => ({ warehouse: warehouse.code, sku, onHand, reserved })),
    reservations: reservations.map(({ releases, ...reservation }) => ({ ...reservation, releases: releases.map(({ id: _id, ...release }) => release) })),
    // Positions by their rank: arrival order is what the sweep relies on.
    backorders: backorders.map(({ position: _position, ...backorder }) => backorder),
    events: outbox.map(({ messageKey, topic, payload }) => ({ messageKey, topic, ...withoutEventIds(payload as Record<string, unknown>) })),
  });
  // Sorted once labelled: ids are random per run.
  const reservationsLeft = left.reservations.map((r: { releases: unknown[] }) => ({ ...r, releases: r.releases.sort(byJson) }));
  return { ...left, stock: left.stock.sort(byJson), reservations: reservationsLeft.sort(byJson) };
}

/** An event as stored, without what differs per write (its id and time). */
const withoutEventIds = ({ id: _id, time: _time, ...envelope }: Record<string, unknown>) => envelope;
const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
