import { Injectable } from '@nestjs/common';
import { type Actor, customerScope, inCustomerScope } from '@oms/auth';
import { notFound, paginate, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { openHoldsByOrder, toOrderHoldResponse } from '../order-holds/open-order-holds';
import type { ListShipmentsQuery } from './dto/list-shipments.query';
import { toShipmentResponse, withLines, type ShipmentWithLines } from './shipment.mapper';

type ShipmentResponse = ReturnType<typeof toShipmentResponse> & { holds?: Array<ReturnType<typeof toOrderHoldResponse>> };

/**
 * Shipments and their history; a customer sees only their own, and another's
 * answers 404. Staff also see the order's open holds (a customer does not, as
 * in orders: a fraud hold is not theirs to read).
 */
@Injectable()
export class ShipmentQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string, actor: Actor): Promise<ShipmentResponse> {
    const [full] = await withLines(this.prisma, [await this.load(id, actor)]);
    return (await this.respond([full!], actor))[0]!;
  }

  async list(query: ListShipmentsQuery, actor: Actor): Promise<Page<ShipmentResponse>> {
    const own = customerScope(actor);
    const where: Prisma.ShipmentWhereInput = {
      ...(query.orderId && { orderId: query.orderId }), ...(query.subscriptionId && { subscriptionId: query.subscriptionId }), ...(query.status && { status: query.status }),
      ...(own !== undefined && { customerId: own }),
    };
    return paginate(query, {
      rows: async (window) => this.respond(await withLines(this.prisma, await this.prisma.shipment.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...window })), actor),
      count: () => this.prisma.shipment.count({ where }),
    }, (response) => response);
  }

  async history(id: string, actor: Actor) {
    await this.load(id, actor);
    const rows = await this.prisma.shipmentStatusChange.findMany({ where: { shipmentId: id }, orderBy: { id: 'asc' } });
    return {
      shipmentId: id,
      items: rows.map((r) => ({
        from: r.fromStatus, to: r.toStatus, actor: { sub: r.actorSub, role: r.actorRole }, occurredAt: r.occurredAt.toISOString(),
      })),
    };
  }

  private async respond(shipments: ShipmentWithLines[], actor: Actor): Promise<ShipmentResponse[]> {
    if (customerScope(actor) !== undefined) return shipments.map(toShipmentResponse);
    const holds = await openHoldsByOrder(this.prisma, shipments.map((s) => s.orderId));
    return shipments.map((s) => ({ ...toShipmentResponse(s), holds: (holds.get(s.orderId) ?? []).map(toOrderHoldResponse) }));
  }

  private async load(id: string, actor: Actor) {
    const shipment = await this.prisma.shipment.findUnique({ where: { id } });
    if (!shipment || !inCustomerScope(actor, shipment)) throw notFound('shipment', id);
    return shipment;
  }
}
