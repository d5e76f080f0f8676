import { Injectable } from '@nestjs/common';
import { notFound, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Shipment } from '../generated/prisma/client';
import type { ListShipmentsQuery } from './dto/list-shipments.query';
import { toShipmentResponse, type ShipmentWithLines } from './shipment.mapper';

type ShipmentResponse = ReturnType<typeof toShipmentResponse>;

@Injectable()
export class ShipmentQueriesService {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<ShipmentResponse> {
    const shipment = await this.prisma.shipment.findUnique({ where: { id } });
    if (!shipment) throw notFound('shipment', id);
    const [withLines] = await this.withLines([shipment]);
    return toShipmentResponse(withLines!);
  }

  async list(query: ListShipmentsQuery): Promise<Page<ShipmentResponse>> {
    const where = query.orderId ? { orderId: query.orderId } : {};
    const [items, total] = await Promise.all([
      this.prisma.shipment.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.shipment.count({ where }),
    ]);
    return { items: (await this.withLines(items)).map(toShipmentResponse), total, limit: query.limit, offset: query.offset };
  }

  /** A shipment carries everything its reservation held, so its lines are the reservation's. */
  private async withLines(shipments: Shipment[]): Promise<ShipmentWithLines[]> {
    const lines = await this.prisma.reservationLine.findMany({ where: { reservationId: { in: shipments.map((s) => s.reservationId) } }, orderBy: { lineNo: 'asc' } });
    return shipments.map((s) => ({ ...s, lines: lines.filter((l) => l.reservationId === s.reservationId) }));
  }
}
