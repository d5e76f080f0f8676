import type { OrderCancelCode, OrderLifecycleV1, OrderLineKind, OrderStatus, OrderTotalsV1, ShipToV1, TaxStatus } from '@oms/contracts';
import type { OrderHold, OrderLine, OrderStatusHistory, SalesOrder } from '../generated/prisma/client';
import { toHoldV1 } from './holds/hold-rows';
import { linePercent, ppmToPercent } from '../tax/tax-percent';
import { minorAmount, optionalMinorAmount } from './money';

export type FullOrder = SalesOrder & { lines: OrderLine[] };

/** Prisma include that loads what the mapper needs, lines in order. */
export const WITH_LINES = { lines: { orderBy: { position: 'asc' } } } as const;

/**
 * Data of every orders.order.*.v1 event: the full order after the change.
 * An unpriced line (order held for pricing) shows 0; the hold reason names it.
 */
export function toLifecycleData(order: FullOrder, reason?: string | null): OrderLifecycleV1 {
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    ...(order.subscriptionId !== null && { subscriptionId: order.subscriptionId }),
    ...(order.cycleIndex !== null && { cycleIndex: order.cycleIndex }),
    ...(order.cycleKey !== null && { cycleKey: order.cycleKey }),
    status: order.status as OrderStatus,
    currency: order.currency,
    totalMinor: minorAmount(order.totalMinor),
    lines: order.lines.map((l) => ({
      lineId: l.id, productId: l.productId, sku: l.sku, quantity: l.quantity, unitPriceMinor: minorAmount(l.unitPriceMinor ?? 0n), kind: l.kind as OrderLineKind,
      ...(l.subscriptionLineId && { subscriptionLineId: l.subscriptionLineId }),
      ...(l.taxMinor !== null && { taxMinor: minorAmount(l.taxMinor) }),
      ...(l.taxRatePpm !== null && { taxRatePercent: ppmToPercent(l.taxRatePpm) }),
      ...(l.listPriceMinor !== null && { listPriceMinor: minorAmount(l.listPriceMinor) }),
      ...(l.discountMinor !== null && { discountMinor: minorAmount(l.discountMinor) }),
    })),
    ...(reason && { reason }),
    ...(order.customerEmail !== null && { customerEmail: order.customerEmail }),
    channel: order.channel,
    ...(order.shipTo !== null && { shipTo: order.shipTo as unknown as ShipToV1 }),
    deliveryMode: order.deliveryMode,
    ...(order.promisedShipBy && { promisedShipBy: order.promisedShipBy.toISOString() }),
    ...(order.lateNoticedAt && { lateNoticedAt: order.lateNoticedAt.toISOString() }),
    ...(order.cancelCode && { cancelCode: order.cancelCode as OrderCancelCode }),
    ...(order.taxStatus !== null && { totals: toTotals(order) }),
    ...(order.shippingMinor > 0n && { shippingMinor: minorAmount(order.shippingMinor) }),
    ...(order.handlingMinor > 0n && { handlingMinor: minorAmount(order.handlingMinor) }),
    ...(order.sourceCode !== null && { sourceCode: order.sourceCode }),
    ...(order.agentSub !== null && { agentSub: order.agentSub }),
  };
}

/** The order as the API returns it; with its holds (open and cleared, oldest first) when they were loaded: for staff only. */
export function toOrderResponse(order: FullOrder & { holds?: OrderHold[] }) {
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    customerEmail: order.customerEmail,
    customerName: order.customerName,
    customerPhone: order.customerPhone,
    channel: order.channel,
    createdBy: order.createdBy,
    /** The service rep who took the order (csr or admin token sub); null otherwise. */
    agent: order.agentSub,
    sourceCode: order.sourceCode,
    externalRef: order.sourceRef,
    subscriptionId: order.subscriptionId,
    cycleIndex: order.cycleIndex,
    cycleKey: order.cycleKey,
    status: order.status,
    statusBeforeHold: order.statusBeforeHold,
    holdReason: order.holdReason,
    outOfStockPolicy: order.outOfStockPolicy,
    currency: order.currency,
    totalMinor: minorAmount(order.totalMinor),
    charges: { shippingMinor: minorAmount(order.shippingMinor), handlingMinor: minorAmount(order.handlingMinor) },
    /** Subtotal, discounts, charges, tax and total (sales tax); null for orders placed before tax existed. */
    totals: order.taxStatus === null ? null : toTotals(order),
    shipTo: (order.shipTo as ShipToV1 | null) ?? null,
    deliveryMode: order.deliveryMode,
    promisedShipBy: order.promisedShipBy?.toISOString() ?? null,
    lateNoticedAt: order.lateNoticedAt?.toISOString() ?? null,
    cancelCode: order.cancelCode,
    billTo: (order.billTo as ShipToV1 | null) ?? null,
    ...(order.holds && { holds: order.holds.map(toHoldV1) }),
    lines: order.lines.map((l) => ({
      lineId: l.id, productId: l.productId, sku: l.sku, quantity: l.quantity,
      unitPriceMinor: optionalMinorAmount(l.unitPriceMinor), lineTotalMinor: optionalMinorAmount(l.lineTotalMinor), kind: l.kind,
      listPriceMinor: optionalMinorAmount(l.listPriceMinor), discountMinor: optionalMinorAmount(l.discountMinor),
      taxCode: l.taxCode, taxRatePercent: linePercent(l.taxRatePpm), taxMinor: optionalMinorAmount(l.taxMinor),
    })),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function toHistoryResponse(rows: OrderStatusHistory[]) {
  return rows.map((h) => ({
    fromStatus: h.fromStatus, toStatus: h.toStatus, reason: h.reason, at: h.at.toISOString(), actor: { sub: h.actorSub, role: h.actorRole },
  }));
}

/** An order's money at placement (OrderTotalsV1); only for orders placed since sales tax (taxStatus set). */
function toTotals(order: SalesOrder): OrderTotalsV1 {
  return {
    subtotalMinor: minorAmount(order.subtotalMinor ?? 0n), discountMinor: minorAmount(order.discountMinor ?? 0n),
    chargesMinor: minorAmount(order.shippingMinor + order.handlingMinor), taxMinor: minorAmount(order.taxMinor ?? 0n),
    totalMinor: minorAmount(order.totalMinor), pricesIncludeTax: order.pricesIncludeTax ?? false, taxStatus: order.taxStatus as TaxStatus,
  };
}
