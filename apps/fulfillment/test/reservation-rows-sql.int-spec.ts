import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { FULFILLMENT_SYSTEM } from '../src/events/fulfillment.events';
import { lockReservation } from '../src/reservations/cancellation-rows.sql';
import { OrderCancellation } from '../src/reservations/order-cancellation.service';
import { lockStockForNewOrders } from '../src/reservations/reservation-rows.sql';
import { ReservationWriter, type OrderToReserve } from '../src/reservations/reservation.writer';
import { lockStock } from '../src/stock/stock.sql';
import { http, newSku, prismaOf, resetFulfillment, startFulfillment, stockUp } from './support/fulfillment-test-kit';

/**
 * A new order's reservation is read in one SQL statement and written in one
 * (reservation-rows.sql.ts), and a cancelled order's is released the same way
 * (cancellation-rows.sql.ts), and a shortage is kept as a backorder in one
 * statement: the rows must be what the service's Prisma model
 * reads back, and the read must lock exactly what lockStock locks, or nothing
 * for an order fulfillment already knows.
 */
describe('fulfillment: SQL reservation rows are the Prisma model rows', () => {
  const clock = new ControllableClock(new Date('2026-03-04T10:00:00Z'));
  const cause = { actor: FULFILLMENT_SYSTEM, correlationId: randomUUID() };
  const shipTo = { name: 'Ann Smith', lines: ['Main 1'], postcode: '3511 AA', city: 'Utrecht', countryCode: 'NL' };
  let app: INestApplication;
  const warehouseIds: Record<string, string> = {};

  beforeAll(async () => {
    app = await startFulfillment(clock);
  });
  beforeEach(async () => {
    await resetFulfillment(app);
    for (const code of ['AMS-1', 'RTM-1']) warehouseIds[code] = (await http(app).post('/warehouses').send({ code, name: code }).expect(201)).body.warehouseId;
  });
  afterAll(async () => {
    await app?.close();
  });

  const order = (lines: OrderToReserve['lines']): OrderToReserve => ({
    orderId: randomUUID(), reservationId: randomUUID(), subscriptionId: 'sub-rows', customerId: 'cust-rows', shipTo, lines,
  });
  /** Whether another connection finds the stock row locked. */
  const locked = async (warehouseId: string, sku: string) => {
    const prisma = await prismaOf(app);
    return prisma.$queryRaw`SELECT 1 FROM stock WHERE warehouse_id = ${warehouseId}::uuid AND sku = ${sku} FOR UPDATE NOWAIT`.then(() => false, () => true);
  };

  it('writes the stock counters, the reservation, its lines and a release per warehouse in one statement, as Prisma reads them', async () => {
    const [coffee, tea] = [newSku(), newSku()];
    await stockUp(app, 'AMS-1', coffee, 10);
    await stockUp(app, 'RTM-1', coffee, 3);
    await stockUp(app, 'RTM-1', tea, 5);
    const prisma = await prismaOf(app);
    const writer = app.get(ReservationWriter);
    // Coffee twice from AMS-1 (most available, then the warehouse the order already uses): its reserved counter takes both.
    const o = order([{ sku: coffee, quantity: 2 }, { sku: tea, quantity: 1 }, { sku: coffee, quantity: 3 }]);
    const allocation = await prisma.$transaction((tx) => writer.reserveOrBackorderNew(tx, [{ order: o, cause }]));
    expect(allocation).toMatchObject([{ ok: true }]);

    const [ams, rtm] = [warehouseIds['AMS-1']!, warehouseIds['RTM-1']!];
    const at = clock.now();
    const reservation = await prisma.reservation.findUnique({
      where: { orderId: o.orderId },
      include: { lines: { orderBy: { lineNo: 'asc' } }, releases: { orderBy: { warehouseId: 'asc' }, include: { lines: { orderBy: { lineNo: 'asc' } } } } },
    });
    const releaseOf = (warehouseId: string) => reservation!.releases.find((r) => r.warehouseId === warehouseId)!.id;
    const release = (warehouseId: string, lines: Array<{ lineNo: number; sku: string; quantity: number }>) => ({
      id: releaseOf(warehouseId), reservationId: o.reservationId, orderId: o.orderId, warehouseId, status: 'open', shipTo, createdAt: at,
      lines: lines.map((l) => ({ releaseId: releaseOf(warehouseId), ...l })),
    });
    expect(reservation).toStrictEqual({
      id: o.reservationId, orderId: o.orderId, subscriptionId: 'sub-rows', customerId: 'cust-rows', kind: 'short-term', status: 'active', shipTo, createdAt: at, updatedAt: at,
      lines: [
        { reservationId: o.reservationId, lineNo: 1, sku: coffee, quantity: 2, warehouseId: ams },
        { reservationId: o.reservationId, lineNo: 2, sku: tea, quantity: 1, warehouseId: rtm },
        { reservationId: o.reservationId, lineNo: 3, sku: coffee, quantity: 3, warehouseId: ams },
      ],
      releases: [
        release(ams, [{ lineNo: 1, sku: coffee, quantity: 2 }, { lineNo: 3, sku: coffee, quantity: 3 }]),
        release(rtm, [{ lineNo: 2, sku: tea, quantity: 1 }]),
      ].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
    });
    const stock = await prisma.stock.findMany({ where: { sku: { in: [coffee, tea] } }, orderBy: [{ sku: 'asc' }, { warehouseId: 'asc' }], select: { warehouseId: true, sku: true, onHand: true, reserved: true } });
    expect(stock).toEqual(expect.arrayContaining([
      { warehouseId: ams, sku: coffee, onHand: 10, reserved: 5 }, { warehouseId: rtm, sku: coffee, onHand: 3, reserved: 0 }, { warehouseId: rtm, sku: tea, onHand: 5, reserved: 1 },
    ]));
    expect(stock).toHaveLength(3);
    const outbox = await prisma.outboxEvent.findMany({ where: { messageKey: o.orderId } });
    expect(outbox.map((row) => (row.payload as { type: string }).type)).toEqual([EventTypes.reservationReserved]);
  });

  it('reads and locks the stock rows lockStock does, and for known orders reads nothing and locks nothing', async () => {
    const [coffee, tea] = [newSku(), newSku()];
    await stockUp(app, 'AMS-1', coffee, 4);
    await stockUp(app, 'RTM-1', coffee, 6);
    await stockUp(app, 'RTM-1', tea, 2);
    const prisma = await prismaOf(app);
    const [ams] = [warehouseIds['AMS-1']!];

    await prisma.$transaction(async (tx) => {
      const viaLockStock = await lockStock(tx, [tea, coffee, tea]);
      expect(await lockStockForNewOrders(tx, [{ orderId: randomUUID(), skus: [tea, coffee, tea] }])).toStrictEqual({ known: new Set(), stock: viaLockStock });
      expect(viaLockStock).toHaveLength(3);
    });
    await prisma.$transaction(async (tx) => {
      expect((await lockStockForNewOrders(tx, [{ orderId: randomUUID(), skus: [coffee] }])).stock).toHaveLength(2);
      expect(await locked(ams, coffee)).toBe(true);
    });

    const known = order([{ sku: coffee, quantity: 1 }]);
    await prisma.$transaction((tx) => app.get(ReservationWriter).reserveOrBackorderNew(tx, [{ order: known, cause }]));
    await prisma.$transaction(async (tx) => {
      expect(await lockStockForNewOrders(tx, [{ orderId: known.orderId, skus: [coffee] }])).toStrictEqual({ known: new Set([known.orderId]), stock: [] });
      expect(await app.get(ReservationWriter).reserveOrBackorderNew(tx, [{ order: { ...known, reservationId: randomUUID() }, cause }])).toEqual([null]);
      expect(await locked(ams, coffee)).toBe(false);
    });
    // A new order beside a known one: only the new order's SKU is locked.
    await prisma.$transaction(async (tx) => {
      const batch = await lockStockForNewOrders(tx, [{ orderId: known.orderId, skus: [coffee] }, { orderId: randomUUID(), skus: [tea] }]);
      expect(batch).toStrictEqual({ known: new Set([known.orderId]), stock: await lockStock(tx, [tea]) });
      expect(await locked(ams, coffee)).toBe(false);
    });
    expect(await prisma.reservation.count({ where: { orderId: known.orderId } })).toBe(1);
  });

  it('releases a cancelled order in SQL: its lines as Prisma reads them, the stock given back, the reservation released and its releases cancelled', async () => {
    const [coffee, tea] = [newSku(), newSku()];
    await stockUp(app, 'AMS-1', coffee, 10);
    await stockUp(app, 'RTM-1', tea, 5);
    const prisma = await prismaOf(app);
    const o = order([{ sku: tea, quantity: 1 }, { sku: coffee, quantity: 2 }, { sku: coffee, quantity: 3 }]);
    await prisma.$transaction((tx) => app.get(ReservationWriter).reserveOrBackorderNew(tx, [{ order: o, cause }]));
    const viaPrisma = await prisma.reservationLine.findMany({ where: { reservationId: o.reservationId }, orderBy: { lineNo: 'asc' } });
    const locked = await prisma.$transaction((tx) => lockReservation(tx, o.orderId));
    expect(locked).toStrictEqual({
      id: o.reservationId, status: 'active', subscriptionId: 'sub-rows', lines: viaPrisma.map(({ lineNo, sku, quantity, warehouseId }) => ({ lineNo, sku, quantity, warehouseId })),
    });

    clock.advance(60_000);
    const skus = await prisma.$transaction((tx) => app.get(OrderCancellation).cancel(tx, o.orderId, cause));
    expect(skus.sort()).toEqual([coffee, tea].sort());
    const reservation = await prisma.reservation.findUnique({ where: { orderId: o.orderId }, include: { releases: true } });
    expect(reservation).toMatchObject({ status: 'released', createdAt: new Date('2026-03-04T10:00:00Z'), updatedAt: clock.now() });
    expect(reservation!.releases.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    const stock = await prisma.stock.findMany({ where: { sku: { in: [coffee, tea] } }, select: { sku: true, onHand: true, reserved: true } });
    expect(stock).toEqual(expect.arrayContaining([{ sku: coffee, onHand: 10, reserved: 0 }, { sku: tea, onHand: 5, reserved: 0 }]));
    const outbox = await prisma.outboxEvent.findMany({ where: { messageKey: o.orderId }, orderBy: { id: 'asc' } });
    expect(outbox.map((row) => (row.payload as { type: string }).type)).toEqual([EventTypes.reservationReserved, EventTypes.reservationReleased]);

    // Cancelled again (a second event): the reservation is no longer active, nothing changes.
    expect(await prisma.$transaction((tx) => app.get(OrderCancellation).cancel(tx, o.orderId, cause))).toEqual([]);
    expect(await prisma.outboxEvent.count({ where: { messageKey: o.orderId } })).toBe(2);
  });

  it('keeps a shortage as a backorder with its lines in one statement, as Prisma reads them', async () => {
    const [coffee, tea] = [newSku(), newSku()];
    await stockUp(app, 'AMS-1', coffee, 10);
    const prisma = await prismaOf(app);
    const writer = app.get(ReservationWriter);
    const o = order([{ sku: coffee, quantity: 2 }, { sku: tea, quantity: 4 }]);
    await prisma.$transaction(async (tx) => {
      expect(await writer.reserveOrBackorderNew(tx, [{ order: o, cause }])).toEqual([
        { ok: false, lines: [{ sku: coffee, quantity: 2, shortBy: 0 }, { sku: tea, quantity: 4, shortBy: 4 }] },
      ]);
    });
    const backorder = await prisma.backorder.findUnique({ where: { orderId: o.orderId }, include: { lines: { orderBy: { lineNo: 'asc' } } } });
    expect(backorder).toStrictEqual({
      orderId: o.orderId, reservationId: o.reservationId, subscriptionId: 'sub-rows', customerId: 'cust-rows', status: 'pending', correlationId: cause.correlationId,
      shipTo, createdAt: clock.now(), position: backorder!.position, resolvedAt: null,
      lines: [{ orderId: o.orderId, lineNo: 1, sku: coffee, quantity: 2 }, { orderId: o.orderId, lineNo: 2, sku: tea, quantity: 4 }],
    });
    expect(typeof backorder!.position).toBe('bigint');
    expect(await prisma.reservation.count({ where: { orderId: o.orderId } })).toBe(0);
    expect(await prisma.stock.findMany({ where: { sku: coffee }, select: { reserved: true } })).toEqual([{ reserved: 0 }]);
    const outbox = await prisma.outboxEvent.findMany({ where: { messageKey: o.orderId } });
    expect(outbox.map((row) => (row.payload as { type: string }).type)).toEqual([EventTypes.reservationShortage]);
  });
});
