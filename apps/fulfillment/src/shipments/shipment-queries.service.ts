import { Injectable } from '@nestjs/common';
import { notFound, paginate, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { ListShipmentsQuery } from './dto/list-shipments.query';
import { toShipmentResponse, withLines } from './shipment.mapper';

type ShipmentResponse = ReturnType<typeof toShipmentResponse>;

@Injectable()
export class ShipmentQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<ShipmentResponse> {
    const shipment = await this.prisma.shipment.findUnique({ where: { id } });
    if (!shipment) throw notFound('shipment', id);
    const [full] = await withLines(this.prisma, [shipment]);
    return toShipmentResponse(full!);
  }

  async list(query: ListShipmentsQuery): Promise<Page<ShipmentResponse>> {
    const where = { ...(query.orderId && { orderId: query.orderId }), ...(query.subscriptionId && { subscriptionId: query.subscriptionId }), ...(query.status && { status: query.status }) };
    return paginate(query, {
      rows: async (window) => withLines(this.prisma, await this.prisma.shipment.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...window })),
      count: () => this.prisma.shipment.count({ where }),
    }, toShipmentResponse);
  }

  async history(id: string) {
    if (!(await this.prisma.shipment.findUnique({ where: { id }, select: { id: true } }))) throw notFound('shipment', id);
    const rows = await this.prisma.shipmentStatusChange.findMany({ where: { shipmentId: id }, orderBy: { id: 'asc' } });
    return {
      shipmentId: id,
      items: rows.map((r) => ({
        from: r.fromStatus, to: r.toStatus, actor: { sub: r.actorSub, role: r.actorRole }, occurredAt: r.occurredAt.toISOString(),
      })),
    };
  }
}
