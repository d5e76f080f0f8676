import { randomUUID } from 'node:crypto';
import type { OrderTotalsV1 } from '@oms/contracts';
import type { OrderLine } from '../../generated/prisma/client';
import { promisedShipTime } from '../../delivery-modes/delivery-modes.service';
import type { PaymentDecision } from '../../payments/authorization/payment-decision';
import { taxOrder, type OrderTax } from '../../tax/order-tax.service';
import { orderTotals } from '../../tax/order-totals';
import { holdSummary, type HoldSpec } from '../holds/hold-rows';
import { ORDERS_SYSTEM } from '../status/order-events';
import { pricingHoldReason, type PricedLine, type Pricing } from './line-pricing';
import type { NewOrderContext } from './new-order-context.sql';
import type { NewHold } from './new-order-rows.sql';

/**
 * What a new order is decided to be before it is written (its row's amounts, lines, holds, promised ship time), from
 * its pricing and context alone: pure, so OrderWriter decides the same on Prisma's transaction and on pg.
 */
export interface NewOrderPlan {
  id: string;
  totals: OrderTotalsV1;
  payment: PaymentDecision;
  holdReason: string | null;
  lines: OrderLine[];
  placed: NewHold[];
  promisedShipBy: Date | null;
  authorizationPending: boolean;
}

export interface TaxedTotals {
  tax: OrderTax;
  totals: OrderTotalsV1;
}

/**
 * Sales tax from the ship-to at the order's creation (README "Sales tax"), and the totals, which include it.
 * @param chargesMinor - shipping and handling (call-center pricing); 0 otherwise.
 */
export function taxedTotals(order: { currency: string; shipTo: Parameters<typeof taxOrder>[0]['shipTo']; pricing: Pricing }, chargesMinor: number, context: NewOrderContext, now: Date): TaxedTotals {
  const { pricing, shipTo, currency } = order;
  const tax = taxOrder(
    { currency, shipTo, at: now, lines: pricing.lines.map((l) => ({ productId: l.productId, amountMinor: BigInt(l.lineTotalMinor ?? 0) })) },
    { taxInclusiveCurrencies: context.taxInclusiveCurrencies, taxCodes: new Map([...context.products.values()].map((p) => [p.productId, p.taxCode])), rates: context.taxRates },
  );
  return { tax, totals: orderTotals(pricing.lines, chargesMinor, tax) };
}

/** The order's lines and the holds it is born with (pricing, fraud, payment, in that order). */
export function planNewOrder(pricing: Pricing, context: NewOrderContext, { tax, totals }: TaxedTotals, payment: PaymentDecision, fraudHold: HoldSpec | null, now: Date): NewOrderPlan {
  const id = randomUUID();
  const holds: HoldSpec[] = [
    ...(pricing.problems.length > 0 ? [{ type: 'pricing' as const, code: 'price-missing', reason: pricingHoldReason(pricing.problems) }] : []),
    ...(fraudHold ? [fraudHold] : []),
    ...(payment.hold ? [{ type: 'payment' as const, ...payment.hold }] : []),
  ];
  // Rental fee orders ship nothing, so they cannot be late.
  const ships = pricing.lines.some((line) => (line.kind ?? 'goods') !== 'rental-fee');
  return {
    id, totals, payment, holdReason: holdSummary(holds),
    lines: pricing.lines.map((line, position) => lineRow(id, position, line, tax)),
    // Holds the service places itself: its own decision, whoever sent the order.
    placed: holds.map((spec) => newHold(spec, now)),
    promisedShipBy: promisedShipTime(context.promisedShipMinutes, now, ships),
    authorizationPending: payment.mode === 'card' && payment.pending,
  };
}

/** The order_line row of a priced line, as the model reads it back (columns the line does not set are null; kind goods). */
function lineRow(orderId: string, position: number, line: PricedLine, tax: OrderTax): OrderLine {
  const lineTax = tax.lines[position]!;
  const big = (value: number | null | undefined) => (value === null || value === undefined ? null : BigInt(value));
  return {
    id: randomUUID(), orderId, position, productId: line.productId, sku: line.sku, quantity: line.quantity,
    unitPriceMinor: big(line.unitPriceMinor), lineTotalMinor: big(line.lineTotalMinor), listPriceMinor: big(line.listPriceMinor),
    discountMinor: big(line.discountMinor), unitCostMinor: big(line.unitCostMinor), marginAlert: line.marginAlert ?? null,
    taxCode: lineTax.taxCode, taxRatePpm: lineTax.ratePpm, taxMinor: lineTax.taxMinor, kind: line.kind ?? 'goods', subscriptionLineId: line.subscriptionLineId ?? null,
  };
}

function newHold(spec: HoldSpec, at: Date): NewHold {
  return {
    id: randomUUID(), ...spec, placedBySub: ORDERS_SYSTEM.sub, placedByRole: ORDERS_SYSTEM.role, placedAt: at,
    clearedAt: null, clearedBySub: null, clearedByRole: null, clearReason: null,
  };
}
