import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { PrismaService } from '../../database/prisma.service';
import { OrderPricer, type PricedOrder } from '../../pricing/order-pricer.service';
import type { PlaceOrderRequest } from '../dto/place-order.request';
import { WITH_LINES, type FullOrder } from '../order.mapper';
import { DEFAULT_DELIVERY_MODE, DeliveryModesService } from '../../delivery-modes/delivery-modes.service';
import type { Pricing } from './line-pricing';
import { AuthorizationCompletion } from './authorization-completion.service';
import { OrderWriter, type DeskPricing } from './order-writer.service';

/** Roles whose orders record the caller as the agent who took them (customer service at the desk). */
const AGENT_ROLES: ReadonlySet<string> = new Set(['csr', 'admin']);

/**
 * A one-off order over HTTP (web shop, call center), priced by the same
 * pricer as POST /orders/quote in the order's transaction, so the placed lines
 * and totals are the quote's. Unlike events, a request can be refused: an
 * unknown, retired or unpriced product, a bad source code, an override beyond
 * the caller's limit, or a line under the margin threshold without an override
 * reason (403/422 naming the field). A repeated (channel, externalRef) returns
 * the first order.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly writer: OrderWriter,
    private readonly modes: DeliveryModesService,
    private readonly pricer: OrderPricer,
    private readonly authorization: AuthorizationCompletion,
  ) {}

  /** The order's creator is the caller (`createdBy` = the token's sub): a channel reads only the orders it created. */
  async place(request: PlaceOrderRequest, actor: Actor, correlationId: string | undefined): Promise<{ order: FullOrder; created: boolean }> {
    if (request.externalRef) {
      const where = { channel_sourceRef: { channel: request.channel, sourceRef: request.externalRef } };
      const existing = await this.prisma.salesOrder.findUnique({ where, include: WITH_LINES });
      if (existing) return { order: existing, created: false };
    }
    const cause = { correlationId, actor };
    const written = await this.prisma.$transaction(async (tx) => {
      const deliveryMode = request.deliveryMode ?? DEFAULT_DELIVERY_MODE;
      await this.modes.requireActive(tx, deliveryMode);
      const priced = await this.pricer.price(tx, request, actor, 'place');
      return this.writer.insert(tx, {
        customerId: request.customerId, customerEmail: request.customerEmail ?? null, customerName: request.customerName ?? null, customerPhone: request.customerPhone ?? null, channel: request.channel, createdBy: actor.sub, sourceRef: request.externalRef ?? null,
        subscriptionId: null, cycleIndex: null, cycleKey: null, currency: request.currency, outOfStockPolicy: 'backorder', shipTo: request.shipTo ?? null, billTo: request.billTo ?? null,
        deliveryMode, screenForFraud: true, pricing: toLinePricing(priced), desk: toDeskPricing(priced, AGENT_ROLES.has(actor.role) ? actor.sub : null),
      }, cause);
    });
    // The provider is asked once the order is committed, and answered before the caller hears back (the order as it stands then).
    if (written.authorizationPending) await this.authorization.complete(written.order.id, cause);
    return { order: written.order, created: written.created };
  }
}

/** The quote's lines as order lines: the net unit price is the order line's price. */
function toLinePricing(priced: PricedOrder): Pricing {
  const lines = priced.lines.map((line) => ({
    productId: line.productId, sku: line.sku, quantity: line.quantity, unitPriceMinor: line.unitNetPriceMinor, lineTotalMinor: line.lineNetMinor,
    listPriceMinor: line.listPriceMinor, discountMinor: line.discounts.length > 0 ? line.discounts.reduce((sum, d) => sum + d.amountMinor, 0) : null,
    unitCostMinor: line.unitCostMinor, marginAlert: line.marginAlert,
  }));
  return { lines, totalMinor: priced.totals.totalMinor, problems: [] };
}

function toDeskPricing(priced: PricedOrder, agentSub: string | null): DeskPricing {
  const charge = (type: string) => priced.charges.find((c) => c.type === type)?.amountMinor ?? 0;
  return { sourceCode: priced.sourceCode, agentSub, shippingMinor: charge('shipping'), handlingMinor: charge('handling'), overrides: priced.overrides };
}
