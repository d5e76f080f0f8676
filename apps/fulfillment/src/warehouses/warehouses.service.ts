import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { fieldConflict, isUniqueViolation, notFound, paginate, type Page, type PageQuery } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Warehouse } from '../generated/prisma/client';
import type { CreateWarehouseRequest } from './dto/create-warehouse.request';
import { toWarehouseResponse } from './warehouse.mapper';

type WarehouseResponse = ReturnType<typeof toWarehouseResponse>;

/** Warehouses publish no events: nothing outside fulfillment needs them yet. */
@Injectable()
export class WarehousesService {
  constructor(private readonly prisma: PrismaService) {}

  async create(request: CreateWarehouseRequest, actor: Actor): Promise<WarehouseResponse> {
    try {
      const warehouse = await this.prisma.warehouse.create({
        data: { id: randomUUID(), code: request.code, name: request.name, createdBySub: actor.sub, createdByRole: actor.role },
      });
      return toWarehouseResponse(warehouse);
    } catch (error) {
      if (isUniqueViolation(error)) throw fieldConflict('code', `a warehouse with code ${request.code} already exists`);
      throw error;
    }
  }

  async list(query: PageQuery): Promise<Page<WarehouseResponse>> {
    return paginate(query, {
      rows: (window) => this.prisma.warehouse.findMany({ orderBy: { code: 'asc' }, ...window }),
      count: () => this.prisma.warehouse.count(),
    }, toWarehouseResponse);
  }

  async byCode(code: string): Promise<Warehouse> {
    const warehouse = await this.prisma.warehouse.findUnique({ where: { code } });
    if (!warehouse) throw notFound('warehouse', code);
    return warehouse;
  }
}
