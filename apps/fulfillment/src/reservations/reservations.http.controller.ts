import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '@oms/auth';
import { ApiTags } from '@nestjs/swagger';
import { paginate } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { openHoldsByOrder, type OpenOrderHold } from '../order-holds/open-order-holds';
import { ListReleasesQuery, ListReservationsQuery } from './dto/list-reservations.query';
import { toReleaseResponse, toReservationResponse } from './reservation.mapper';

/**
 * Read side of reservations and of the releases (pick lists) sent to each
 * warehouse; each shows its order's open holds (not to be picked while any is open).
 */
@ApiTags('reservations')
@Roles('csr', 'ops')
@Controller()
export class ReservationsHttpController {
  constructor(private readonly prisma: PrismaService) {}

  @Get('reservations')
  async reservations(@Query() query: ListReservationsQuery) {
    const where: Prisma.ReservationWhereInput = { ...(query.orderId && { orderId: query.orderId }), ...(query.status && { status: query.status }) };
    const codes = await this.warehouseCodes();
    return paginate(query, {
      rows: async (window) => this.withHolds(await this.prisma.reservation.findMany({
        where, include: { lines: { orderBy: { lineNo: 'asc' } }, releases: { include: { lines: { orderBy: { lineNo: 'asc' } } } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...window,
      })),
      count: () => this.prisma.reservation.count({ where }),
    }, (r) => toReservationResponse(r, codes, r.holds));
  }

  @Get('releases')
  async releases(@Query() query: ListReleasesQuery) {
    const codes = await this.warehouseCodes();
    const warehouseId = query.warehouse && [...codes].find(([, code]) => code === query.warehouse)?.[0];
    // Like every other filter (GET /stock?warehouse= included), a code that matches nothing gives an empty page, not a 404.
    const where: Prisma.ReleaseWhereInput = {
      ...(query.warehouse && { warehouseId: warehouseId || { in: [] } }),
      ...(query.status && { status: query.status }),
    };
    return paginate(query, {
      rows: async (window) => this.withHolds(
        await this.prisma.release.findMany({ where, include: { lines: { orderBy: { lineNo: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], ...window }),
      ),
      count: () => this.prisma.release.count({ where }),
    }, (r) => toReleaseResponse(r, codes, r.holds));
  }

  private async withHolds<T extends { orderId: string }>(rows: T[]): Promise<Array<T & { holds: OpenOrderHold[] }>> {
    const holds = await openHoldsByOrder(this.prisma, rows.map((r) => r.orderId));
    return rows.map((r) => ({ ...r, holds: holds.get(r.orderId) ?? [] }));
  }

  /** Warehouses are few; a map is simpler than a relation on every line. */
  private async warehouseCodes(): Promise<Map<string, string>> {
    const warehouses = await this.prisma.warehouse.findMany({ select: { id: true, code: true } });
    return new Map(warehouses.map((w) => [w.id, w.code]));
  }
}
