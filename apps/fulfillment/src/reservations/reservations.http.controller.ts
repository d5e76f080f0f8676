import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { notFound } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { ListReleasesQuery, ListReservationsQuery } from './dto/list-reservations.query';
import { toReleaseResponse, toReservationResponse } from './reservation.mapper';

/** Read side of reservations and of the releases (pick lists) sent to each warehouse. */
@ApiTags('reservations')
@Controller()
export class ReservationsHttpController {
  constructor(private readonly prisma: PrismaService) {}

  @Get('reservations')
  async reservations(@Query() query: ListReservationsQuery) {
    const where: Prisma.ReservationWhereInput = { ...(query.orderId && { orderId: query.orderId }), ...(query.status && { status: query.status }) };
    const [items, total, codes] = await Promise.all([
      this.prisma.reservation.findMany({
        where, include: { lines: { orderBy: { lineNo: 'asc' } }, releases: { include: { lines: { orderBy: { lineNo: 'asc' } } } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: query.limit, skip: query.offset,
      }),
      this.prisma.reservation.count({ where }),
      this.warehouseCodes(),
    ]);
    return { items: items.map((r) => toReservationResponse(r, codes)), total, limit: query.limit, offset: query.offset };
  }

  @Get('releases')
  async releases(@Query() query: ListReleasesQuery) {
    const codes = await this.warehouseCodes();
    const warehouseId = query.warehouse && [...codes].find(([, code]) => code === query.warehouse)?.[0];
    if (query.warehouse && !warehouseId) throw notFound('warehouse', query.warehouse);
    const where: Prisma.ReleaseWhereInput = { ...(warehouseId && { warehouseId }), ...(query.status && { status: query.status }) };
    const [items, total] = await Promise.all([
      this.prisma.release.findMany({ where, include: { lines: { orderBy: { lineNo: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.release.count({ where }),
    ]);
    return { items: items.map((r) => toReleaseResponse(r, codes)), total, limit: query.limit, offset: query.offset };
  }

  /** Warehouses are few; a map is simpler than a relation on every line. */
  private async warehouseCodes(): Promise<Map<string, string>> {
    const warehouses = await this.prisma.warehouse.findMany({ select: { id: true, code: true } });
    return new Map(warehouses.map((w) => [w.id, w.code]));
  }
}
