import { Injectable } from '@nestjs/common';
import { type Actor, forbidden, inRecordScope, recordScope } from '@oms/auth';
import type { OrderHoldV1 } from '@oms/contracts';
import { fieldRejected, notFound, paginate, type Page, type PageQuery } from '@oms/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { marginsOf } from '../pricing/order-margins';
import { toPriceOverrideResponse } from '../pricing/price-overrides';
import type { ListOrdersQuery } from './dto/list-orders.query';
import { toHoldV1 } from './holds/hold-rows';
import { toHistoryResponse, toOrderResponse, WITH_LINES } from './order.mapper';
import { phoneDigits, postcodeSearchKey } from './search-keys';

type OrderResponse = ReturnType<typeof toOrderResponse>;

/** Customer service, operations and admin see holds (which fraud rules fired, who placed what); customers and channels see the status and holdReason only. */
const isStaff = (actor: Actor): boolean => actor.role === 'csr' || actor.role === 'ops' || actor.role === 'admin';
const HOLDS = { holds: { orderBy: { seq: 'asc' as const } } };

/** The response for this caller: holds (always loaded) are left out for customers and channels. */
function forCaller(actor: Actor) {
  return (order: Parameters<typeof toOrderResponse>[0]): OrderResponse => toOrderResponse(isStaff(actor) ? order : { ...order, holds: undefined });
}

@Injectable()
export class OrderQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One order with its lines, its holds (staff), its status history and the
   * price overrides given with it, oldest first; staff also see each line's
   * cost and margin. Another customer's order answers 404.
   */
  async get(id: string, actor: Actor) {
    const order = await this.prisma.salesOrder.findUnique({
      where: { id }, include: { ...WITH_LINES, ...HOLDS, history: { orderBy: { id: 'asc' } }, priceOverrides: { orderBy: { id: 'asc' } } },
    });
    if (!order || !inRecordScope(actor, order)) throw notFound('order', id);
    return {
      ...forCaller(actor)(order), ...(isStaff(actor) && { margins: marginsOf(order.lines) }),
      priceOverrides: toPriceOverrideResponse(order.priceOverrides), history: toHistoryResponse(order.history),
    };
  }

  /** Every hold of the order, open and cleared, oldest first (GET /orders/{id}/holds, staff only). */
  async holds(id: string, query: PageQuery, actor: Actor): Promise<Page<OrderHoldV1>> {
    const order = await this.prisma.salesOrder.findUnique({ where: { id } });
    if (!order || !inRecordScope(actor, order)) throw notFound('order', id);
    return paginate(query, {
      rows: (window) => this.prisma.orderHold.findMany({ where: { orderId: id }, orderBy: { seq: 'asc' }, ...window }),
      count: () => this.prisma.orderHold.count({ where: { orderId: id } }),
    }, toHoldV1);
  }

  /** Newest first; from is inclusive and to exclusive on created_at; search matches any of the order's names for itself. */
  async list(query: ListOrdersQuery, actor: Actor): Promise<Page<OrderResponse>> {
    if (query.from && query.to && new Date(query.from) >= new Date(query.to)) throw fieldRejected('to', 'to must be later than from');
    if (query.hold && !isStaff(actor)) throw forbidden('only customer service, operations and admin filter orders by hold');
    const filters: Prisma.SalesOrderWhereInput = {
      ...(query.customerId && { customerId: query.customerId }),
      ...(query.subscriptionId && { subscriptionId: query.subscriptionId }),
      ...(query.status && { status: query.status }),
      ...(query.hold && { holds: { some: { type: query.hold, clearedAt: null } } }),
      ...(query.sourceCode && { sourceCode: query.sourceCode.toUpperCase() }),
      ...(query.search && { OR: searchable(query.search) }),
      ...((query.from || query.to) && {
        createdAt: { ...(query.from && { gte: new Date(query.from) }), ...(query.to && { lt: new Date(query.to) }) },
      }),
    };
    return this.page(filters, query, actor);
  }

  /** GET /customers/{customerId}/orders: one customer's orders, newest first, in the caller's scope (a customer only their own, a channel what it created). */
  customerOrders(customerId: string, query: PageQuery, actor: Actor): Promise<Page<OrderResponse>> {
    return this.page({ customerId }, query, actor);
  }

  private page(filters: Prisma.SalesOrderWhereInput, query: PageQuery, actor: Actor): Promise<Page<OrderResponse>> {
    // A customer's list (search included) holds only their own orders, a channel's those it created, whatever the filters say.
    const where: Prisma.SalesOrderWhereInput = { AND: [filters, recordScope(actor)] };
    return paginate(query, {
      rows: (window) => this.prisma.salesOrder.findMany({ where, include: { ...WITH_LINES, ...HOLDS }, orderBy: [{ createdAt: 'desc' }, { orderNumber: 'desc' }], ...window }),
      count: () => this.prisma.salesOrder.count({ where }),
    }, forCaller(actor));
  }
}

/**
 * GET /orders?search=: order number, the upstream's reference, customer email or name (case-insensitive, anywhere
 * in the text), phone (text of digits and phone punctuation, at least 4 digits; matched on digits only) or ship-to
 * postcode (text with a digit; case and spaces ignored).
 */
function searchable(text: string): Prisma.SalesOrderWhereInput[] {
  const contains = { contains: text, mode: 'insensitive' as const };
  const digits = /^\+?[0-9 ()-]+$/.test(text.trim()) ? phoneDigits(text) : null;
  const postcode = /[0-9]/.test(text) ? postcodeSearchKey(text) : null;
  return [
    { orderNumber: contains }, { sourceRef: contains }, { customerEmail: contains }, { customerName: contains },
    ...(digits && digits.length >= 4 ? [{ searchPhone: { contains: digits } }] : []),
    ...(postcode ? [{ searchPostcode: { contains: postcode } }] : []),
  ];
}
