import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import type { FieldError } from '@oms/service-runtime';
import { PrismaService } from '../../database/prisma.service';
import { productsById } from '../../catalog/catalog-read-model';
import type { PlaceOrderRequest } from '../dto/place-order.request';
import { WITH_LINES, type FullOrder } from '../order.mapper';
import { priceLines } from './line-pricing';
import { DEFAULT_DELIVERY_MODE, DeliveryModesService } from '../../delivery-modes/delivery-modes.service';
import { OrderWriter } from './order-writer.service';

/**
 * A one-off order over HTTP (web shop, call center). Unlike events, a request
 * can be refused: every line whose product is unknown, retired or has no price
 * in the currency answers 422 naming `lines.N.productId`. A repeated
 * (channel, externalRef) returns the first order.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writer: OrderWriter,
    private readonly modes: DeliveryModesService,
  ) {}

  /** The order's creator is the caller (`createdBy` = the token's sub): a channel reads only the orders it created. */
  async place(request: PlaceOrderRequest, actor: Actor, correlationId: string | undefined): Promise<{ order: FullOrder; created: boolean }> {
    if (request.externalRef) {
      const where = { channel_sourceRef: { channel: request.channel, sourceRef: request.externalRef } };
      const existing = await this.prisma.salesOrder.findUnique({ where, include: WITH_LINES });
      if (existing) return { order: existing, created: false };
    }
    return this.prisma.$transaction(async (tx) => {
      const pricing = priceLines(request.lines, await productsById(tx, request.lines.map((l) => l.productId)), request.currency, { allowRetired: false });
      const errors: FieldError[] = pricing.problems.map((p) => ({ field: `lines.${p.index}.productId`, messages: [p.message] }));
      const seen = new Set<string>();
      request.lines.forEach((line, i) => {
        if (seen.has(line.productId)) errors.push({ field: `lines.${i}.productId`, messages: ['this product is already on another line'] });
        seen.add(line.productId);
      });
      const deliveryMode = request.deliveryMode ?? DEFAULT_DELIVERY_MODE;
      await this.modes.requireActive(tx, deliveryMode);
      if (errors.length > 0) {
        throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: 'One or more lines cannot be ordered', errors });
      }
      return this.writer.insert(tx, {
        customerId: request.customerId, customerEmail: request.customerEmail ?? null, customerName: request.customerName ?? null, customerPhone: request.customerPhone ?? null, channel: request.channel, createdBy: actor.sub, sourceRef: request.externalRef ?? null,
        subscriptionId: null, cycleIndex: null, cycleKey: null, currency: request.currency, outOfStockPolicy: 'backorder', shipTo: request.shipTo ?? null, billTo: request.billTo ?? null,
        deliveryMode, pricing, screenForFraud: true,
      }, { correlationId, actor });
    });
  }
}
