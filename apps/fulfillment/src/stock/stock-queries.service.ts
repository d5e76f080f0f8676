import { Injectable } from '@nestjs/common';
import { paginate, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import type { ListStockQuery } from './dto/list-stock.query';
import { toStockResponse, type StockResponse } from './stock.mapper';

@Injectable()
export class StockQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListStockQuery): Promise<Page<StockResponse>> {
    const where: Prisma.StockWhereInput = {
      ...(query.sku && { sku: query.sku }),
      ...(query.warehouse && { warehouse: { code: query.warehouse } }),
    };
    return paginate(query, {
      rows: (window) => this.prisma.stock.findMany({
        where, include: { warehouse: true }, orderBy: [{ sku: 'asc' }, { warehouse: { code: 'asc' } }], ...window,
      }),
      count: () => this.prisma.stock.count({ where }),
    }, toStockResponse);
  }

  async one(warehouseId: string, sku: string): Promise<StockResponse> {
    const stock = await this.prisma.stock.findUniqueOrThrow({ where: { warehouseId_sku: { warehouseId, sku } }, include: { warehouse: true } });
    return toStockResponse(stock);
  }
}
