import { Injectable } from '@nestjs/common';
import { notFound, paginate, type Page } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { ListProductsQuery } from './dto/list-products.query';
import { toProductResponse } from './product.mapper';

type ProductResponse = ReturnType<typeof toProductResponse>;

@Injectable()
export class ProductQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<ProductResponse> {
    const product = await this.prisma.product.findUnique({ where: { id } });
    if (!product) throw notFound('product', id);
    return toProductResponse(product);
  }

  async list(query: ListProductsQuery): Promise<Page<ProductResponse>> {
    const where: Prisma.ProductWhereInput = {
      ...(query.status && { status: query.status }),
      ...(query.type && { type: query.type }),
      ...(query.subscribable !== undefined && { subscribable: query.subscribable }),
      ...(query.search && {
        OR: [
          { sku: { contains: query.search, mode: 'insensitive' } },
          { name: { contains: query.search, mode: 'insensitive' } },
        ],
      }),
    };
    return paginate(query, {
      rows: (window) => this.prisma.product.findMany({ where, orderBy: [{ sku: 'asc' }], ...window }),
      count: () => this.prisma.product.count({ where }),
    }, toProductResponse);
  }
}
