import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '@oms/auth';
import { ApiTags } from '@nestjs/swagger';
import { paginate, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Backorder, BackorderLine, Prisma } from '../generated/prisma/client';
import { ListBackordersQuery } from './dto/list-backorders.query';

/** Orders waiting for stock, oldest first: the order they will be served in. */
@ApiTags('backorders')
@Roles('csr', 'ops')
@Controller('backorders')
export class BackordersHttpController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  async list(@Query() query: ListBackordersQuery): Promise<Page<ReturnType<typeof toBackorderResponse>>> {
    const where: Prisma.BackorderWhereInput = { status: query.status, ...(query.sku && { lines: { some: { sku: query.sku } } }) };
    return paginate(query, {
      rows: (window) => this.prisma.backorder.findMany({
        where, include: { lines: { orderBy: { lineNo: 'asc' } } }, orderBy: [{ createdAt: 'asc' }, { position: 'asc' }], ...window,
      }),
      count: () => this.prisma.backorder.count({ where }),
    }, toBackorderResponse);
  }
}

function toBackorderResponse(backorder: Backorder & { lines: BackorderLine[] }) {
  return {
    orderId: backorder.orderId,
    reservationId: backorder.reservationId,
    subscriptionId: backorder.subscriptionId,
    status: backorder.status,
    lines: backorder.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    createdAt: backorder.createdAt.toISOString(),
    resolvedAt: backorder.resolvedAt?.toISOString() ?? null,
  };
}
