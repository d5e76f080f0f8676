import { Injectable } from '@nestjs/common';
import { type Actor, inRecordScope, recordScope } from '@oms/auth';
import { fieldRejected, notFound, paginate, type Page } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { ListOrdersQuery } from './dto/list-orders.query';
import { toHistoryResponse, toOrderResponse, WITH_LINES } from './order.mapper';

type OrderResponse = ReturnType<typeof toOrderResponse>;

@Injectable()
export class OrderQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  /** One order with its lines and its status history, oldest change first; another customer's order answers 404. */
  async get(id: string, actor: Actor): Promise<OrderResponse & { history: ReturnType<typeof toHistoryResponse> }> {
    const order = await this.prisma.salesOrder.findUnique({ where: { id }, include: { ...WITH_LINES, history: { orderBy: { id: 'asc' } } } });
    if (!order || !inRecordScope(actor, order)) throw notFound('order', id);
    return { ...toOrderResponse(order), history: toHistoryResponse(order.history) };
  }

  /** Newest first; from is inclusive and to exclusive on created_at; search matches any of the order's names for itself. */
  async list(query: ListOrdersQuery, actor: Actor): Promise<Page<OrderResponse>> {
    if (query.from && query.to && new Date(query.from) >= new Date(query.to)) throw fieldRejected('to', 'to must be later than from');
    const filters: Prisma.SalesOrderWhereInput = {
      ...(query.customerId && { customerId: query.customerId }),
      ...(query.subscriptionId && { subscriptionId: query.subscriptionId }),
      ...(query.status && { status: query.status }),
      ...(query.search && { OR: searchable(query.search) }),
      ...((query.from || query.to) && {
        createdAt: { ...(query.from && { gte: new Date(query.from) }), ...(query.to && { lt: new Date(query.to) }) },
      }),
    };
    // A customer's list (search included) holds only their own orders, a channel's those it created, whatever the filters say.
    const where: Prisma.SalesOrderWhereInput = { AND: [filters, recordScope(actor)] };
    return paginate(query, {
      rows: (window) => this.prisma.salesOrder.findMany({ where, include: WITH_LINES, orderBy: [{ createdAt: 'desc' }, { orderNumber: 'desc' }], ...window }),
      count: () => this.prisma.salesOrder.count({ where }),
    }, toOrderResponse);
  }
}

/** GET /orders?search=: order number, the upstream's reference, customer email or name, case-insensitive, anywhere in the text. */
function searchable(text: string): Prisma.SalesOrderWhereInput[] {
  const contains = { contains: text, mode: 'insensitive' as const };
  return [{ orderNumber: contains }, { sourceRef: contains }, { customerEmail: contains }, { customerName: contains }];
}
