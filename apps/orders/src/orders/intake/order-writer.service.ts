import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DunningFinalAction, OutOfStockPolicy, ShipToV1 } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { OrderLine, Prisma } from '../../generated/prisma/client';
import { promisedShipTime } from '../../delivery-modes/delivery-modes.service';
import { FraudScreening } from '../../fraud/fraud-screening.service';
import { taxOrder, type OrderTax } from '../../tax/order-tax.service';
import { orderTotals } from '../../tax/order-totals';
import { holdSummary, toHoldV1, type HoldSpec } from '../holds/hold-rows';
import { OrderAuthorizer } from '../../payments/authorization/order-authorizer.service';
import { DunningCases } from '../../payments/dunning/dunning-cases';
import { WITH_LINES, type FullOrder } from '../order.mapper';
import { phoneDigits, postcodeSearchKey } from '../search-keys';
import { recordPriceOverrides } from '../../pricing/price-overrides';
import type { PriceOverride } from '../../pricing/order-pricing.types';
import { actorColumns, actorOfCause, ORDERS_SYSTEM, publishOrderState, type Cause } from '../status/order-events';
import { orderOfCycle, readFullOrder } from '../status/order-rows.sql';
import { pricingHoldReason, type PricedLine, type Pricing } from './line-pricing';
import { readNewOrderContext, type NewOrderContext, type NewOrderKeys } from './new-order-context.sql';
import { insertNewOrder, type NewHold } from './new-order-rows.sql';

/** A new order before it is written; exactly one of cycleKey / sourceRef identifies it upstream (or neither). */
export interface OrderDraft {
  customerId: string;
  customerEmail: string | null;
  customerName: string | null;
  customerPhone: string | null;
  channel: string;
  /** Who created it: the HTTP caller's token sub, a channel order's channel, or null for a subscription cycle (the system). */
  createdBy: string | null;
  sourceRef: string | null;
  subscriptionId: string | null;
  cycleIndex: number | null;
  cycleKey: string | null;
  currency: string;
  outOfStockPolicy: OutOfStockPolicy;
  /** Copied onto the order as given; null when the upstream named none. */
  shipTo: ShipToV1 | null;
  /** A DeliveryMode code (the request's, checked active; `standard` for due cycles and channel events). */
  deliveryMode: string;
  billTo: ShipToV1 | null;
  pricing: Pricing;
  /** Score the order against the fraud rules (HTTP and channel orders; not a subscription's cycles). */
  screenForFraud: boolean;
  /** Set for orders priced by call-center pricing (over HTTP): source code, agent, charges and the overrides given. */
  desk?: DeskPricing;
  /** A subscription cycle's IANA time zone: a failed authorization's retry days are counted in it. */
  timeZone?: string | null;
  /** A subscription cycle's own final action after the last failed retry; absent: the payment setting's. */
  dunningFinalAction?: DunningFinalAction | null;
}

/** The order written (or found), and whether the caller must ask for its authorization once the transaction commits. */
export interface WrittenOrder {
  order: FullOrder;
  created: boolean;
  authorizationPending: boolean;
}

/** What call-center pricing adds to an order beyond its lines. */
export interface DeskPricing {
  sourceCode: string | null;
  agentSub: string | null;
  shippingMinor: number;
  handlingMinor: number;
  overrides: PriceOverride[];
}

/**
 * Writes a new order with its lines, holds, fraud evaluation, first history
 * row and first event in the caller's transaction. The unique cycle key and
 * (channel, source ref) make a second order for the same cycle or upstream
 * order impossible: the insert skips on conflict (no aborted transaction) and
 * the existing order is returned with created=false. An order whose lines
 * could not all be priced, or whose fraud score reached the threshold, is born
 * on hold with a pricing or fraud hold (placed by the service itself) and
 * publishes on-hold only. An order paid by card is born on a payment hold,
 * its authorization pending: the caller asks the provider once the
 * transaction has committed (`authorizationPending` in the result; see
 * AuthorizationCompletion), never inside it.
 */
@Injectable()
export class OrderWriter {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly fraud: FraudScreening,
    private readonly authorizer: OrderAuthorizer,
    private readonly dunning: DunningCases,
  ) {}

  /**
   * Reads everything the draft's order is decided from (its products with their prices and tax codes, the settings,
   * the card, the rates, an existing order), in one statement, in the order's transaction: a caller that prices from
   * the products reads them here and hands the context to {@link insert}.
   * @param productIds - the products of the lines to be priced.
   */
  prepare(tx: Prisma.TransactionClient, draft: Omit<OrderDraft, 'pricing'>, productIds: string[]): Promise<NewOrderContext> {
    return readNewOrderContext(tx, newOrderKeys(draft, productIds));
  }

  /**
   * @param known - the draft's context when the caller has read it already with {@link prepare} (to price from its
   *   products), in this transaction.
   */
  async insert(tx: Prisma.TransactionClient, draft: OrderDraft, cause: Cause, known?: NewOrderContext): Promise<WrittenOrder> {
    const context = known ?? await this.prepare(tx, draft, draft.pricing.lines.map((line) => line.productId));
    if (context.existingOrderId) return this.existing(tx, context.existingOrderId);
    const now = this.clock.now();
    const { pricing, shipTo, billTo, screenForFraud, desk, timeZone, dunningFinalAction, ...fields } = draft;
    // Sales tax from the ship-to at the order's creation (README "Sales tax"); the total includes it.
    const tax = taxOrder(
      { currency: draft.currency, shipTo, at: now, lines: pricing.lines.map((l) => ({ productId: l.productId, amountMinor: BigInt(l.lineTotalMinor ?? 0) })) },
      { taxInclusiveCurrencies: context.taxInclusiveCurrencies, taxCodes: new Map([...context.products.values()].map((p) => [p.productId, p.taxCode])), rates: context.taxRates },
    );
    const totals = orderTotals(pricing.lines, (desk?.shippingMinor ?? 0) + (desk?.handlingMinor ?? 0), tax);
    const verdict = screenForFraud ? await this.fraud.screen(tx, { ...draft, totalMinor: totals.totalMinor }, now) : null;
    const id = randomUUID();
    // A card order is born on a payment hold, its authorization (tax and charges included) pending until the provider
    // answers after commit: fulfillment never sees an order that is not authorized, and no provider call runs in here.
    const payment = this.authorizer.decide(
      { customerId: draft.customerId, channel: draft.channel, totalMinor: totals.totalMinor, unpriced: pricing.problems.length > 0 },
      context.paymentMethod, context.paymentSettings,
    );
    const holds: HoldSpec[] = [
      ...(pricing.problems.length > 0 ? [{ type: 'pricing' as const, code: 'price-missing', reason: pricingHoldReason(pricing.problems) }] : []),
      ...(verdict?.hold ? [verdict.hold] : []),
      ...(payment.hold ? [{ type: 'payment' as const, ...payment.hold }] : []),
    ];
    const onHold = holds.length > 0;
    const holdReason = holdSummary(holds);
    // Rental fee orders ship nothing, so they cannot be late.
    const ships = pricing.lines.some((line) => (line.kind ?? 'goods') !== 'rental-fee');
    const lines = pricing.lines.map((line, position) => lineRow(id, position, line, tax));
    // Holds the service places itself: its own decision, whoever sent the order.
    const placed = holds.map((spec) => newHold(spec, now));
    const authorizationPending = payment.mode === 'card' && payment.pending;
    const row = await insertNewOrder(tx, {
      ...fields, shipTo: shipTo ? { ...shipTo } : null, billTo: billTo ? { ...billTo } : null,
      sourceCode: desk?.sourceCode ?? null, agentSub: desk?.agentSub ?? null, shippingMinor: BigInt(desk?.shippingMinor ?? 0), handlingMinor: BigInt(desk?.handlingMinor ?? 0),
      searchPhone: phoneDigits(draft.customerPhone ?? shipTo?.phone), searchPostcode: postcodeSearchKey(shipTo?.postcode),
      id, status: onHold ? 'on-hold' : 'created', statusBeforeHold: onHold ? 'created' : null,
      holdReason, totalMinor: BigInt(totals.totalMinor), promisedShipBy: promisedShipTime(context.promisedShipMinutes, now, ships), createdAt: now, updatedAt: now,
      subtotalMinor: BigInt(totals.subtotalMinor), discountMinor: BigInt(totals.discountMinor), taxMinor: BigInt(totals.taxMinor),
      pricesIncludeTax: totals.pricesIncludeTax, taxStatus: totals.taxStatus,
    }, lines, placed, { fromStatus: null, toStatus: onHold ? 'on-hold' : 'created', reason: holdReason, at: now, ...actorColumns(cause) },
    // What a cycle's dunning ladder opens with, should the authorization asked after commit fail: kept with the pending row.
    authorizationPending ? { timeZone: timeZone ?? null, dunningFinalAction: dunningFinalAction ?? null } : null);
    if (!row) {
      // Another transaction wrote this cycle's (or upstream order's) order since the context was read.
      const winner = await this.findExisting(tx, draft);
      if (!winner) throw new Error(`order for ${draft.cycleKey ?? `${draft.channel}:${draft.sourceRef}`} conflicted but cannot be found`);
      return { order: winner, created: false, authorizationPending: false };
    }
    if (verdict) await this.fraud.record(tx, id, verdict.evaluation);
    const priceOverrides = await recordPriceOverrides(tx, id, desk?.overrides ?? [], actorOfCause(cause), now);
    const order: FullOrder = { ...row, lines };
    // No card where one is required fails at once: a subscription cycle's retry ladder (dunning) starts, the failure event says when the next try is.
    const dunning = payment.mode === 'card' && payment.failure && order.cycleKey ? await this.dunning.open(tx, order, timeZone ?? 'UTC', now, dunningFinalAction ?? undefined) : undefined;
    await this.authorizer.recordRefusal(tx, order, payment, cause, now, dunning);
    const placedHolds = placed.map(toHoldV1);
    await publishOrderState(tx, order, holdReason, cause, now, {
      ...(placed.length > 0 && { placedHolds }), ...(verdict && { fraudEvaluation: verdict.evaluation }),
      ...(priceOverrides.length > 0 && { priceOverrides }),
    }, placedHolds);
    return { order, created: true, authorizationPending };
  }

  private async existing(tx: Prisma.TransactionClient, orderId: string): Promise<WrittenOrder> {
    const order = await readFullOrder(tx, orderId);
    if (!order) throw new Error(`order ${orderId} was found but cannot be read`);
    return { order, created: false, authorizationPending: false };
  }

  private findExisting(tx: Prisma.TransactionClient, draft: OrderDraft): Promise<FullOrder | null> {
    if (draft.cycleKey) return orderOfCycle(tx, draft.cycleKey);
    if (draft.sourceRef) return tx.salesOrder.findUnique({ where: { channel_sourceRef: { channel: draft.channel, sourceRef: draft.sourceRef } }, include: WITH_LINES });
    return Promise.resolve(null);
  }
}

/** What the context of a draft (its pricing aside) is read by; `productIds` are the lines' products. */
function newOrderKeys(draft: Omit<OrderDraft, 'pricing'>, productIds: string[]): NewOrderKeys {
  return {
    cycleKey: draft.cycleKey, channel: draft.channel, sourceRef: draft.sourceRef, customerId: draft.customerId,
    countryCode: draft.shipTo?.countryCode ?? null, deliveryMode: draft.deliveryMode, productIds,
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
