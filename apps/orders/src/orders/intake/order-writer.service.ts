import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DunningFinalAction, OutOfStockPolicy, ShipToV1 } from '@oms/contracts';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma } from '../../generated/prisma/client';
import { DeliveryModesService } from '../../delivery-modes/delivery-modes.service';
import { FraudScreening } from '../../fraud/fraud-screening.service';
import { OrderTaxService, type OrderTax } from '../../tax/order-tax.service';
import { orderTotals } from '../../tax/order-totals';
import { holdSummary, insertHold, toHoldV1, type HoldSpec } from '../holds/hold-rows';
import { OrderAuthorizer } from '../../payments/authorization/order-authorizer.service';
import { PendingAuthorizations } from '../../payments/authorization/pending-authorizations';
import { DunningCases } from '../../payments/dunning/dunning-cases';
import { WITH_LINES, type FullOrder } from '../order.mapper';
import { phoneDigits, postcodeSearchKey } from '../search-keys';
import { recordPriceOverrides } from '../../pricing/price-overrides';
import type { PriceOverride } from '../../pricing/order-pricing.types';
import { actorColumns, actorOfCause, ORDERS_SYSTEM, publishOrderState, type Cause } from '../status/order-events';
import { insertHistory, orderOfCycle, readFullOrder } from '../status/order-rows.sql';
import { pricingHoldReason, type Pricing } from './line-pricing';

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

export function formatOrderNumber(n: bigint | number): string {
  return `SO-${String(n).padStart(6, '0')}`;
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
    private readonly modes: DeliveryModesService,
    private readonly fraud: FraudScreening,
    private readonly tax: OrderTaxService,
    private readonly authorizer: OrderAuthorizer,
    private readonly dunning: DunningCases,
    private readonly pending: PendingAuthorizations,
  ) {}

  async insert(tx: Prisma.TransactionClient, draft: OrderDraft, cause: Cause): Promise<WrittenOrder> {
    const existing = await this.findExisting(tx, draft);
    if (existing) return { order: existing, created: false, authorizationPending: false };
    const now = this.clock.now();
    const { pricing, shipTo, billTo, screenForFraud, desk, timeZone, dunningFinalAction, ...fields } = draft;
    // Sales tax from the ship-to at the order's creation (README "Sales tax"); the total includes it.
    const tax = await this.tax.taxLines(tx, { currency: draft.currency, shipTo, at: now, lines: pricing.lines.map((l) => ({ productId: l.productId, amountMinor: BigInt(l.lineTotalMinor ?? 0) })) });
    const totals = orderTotals(pricing.lines, (desk?.shippingMinor ?? 0) + (desk?.handlingMinor ?? 0), tax);
    const verdict = screenForFraud ? await this.fraud.screen(tx, { ...draft, totalMinor: totals.totalMinor }, now) : null;
    const id = randomUUID();
    // A card order is born on a payment hold, its authorization (tax and charges included) pending until the provider
    // answers after commit: fulfillment never sees an order that is not authorized, and no provider call runs in here.
    const payment = await this.authorizer.decide(tx, {
      customerId: draft.customerId, channel: draft.channel, totalMinor: totals.totalMinor, unpriced: pricing.problems.length > 0,
    });
    const holds: HoldSpec[] = [
      ...(pricing.problems.length > 0 ? [{ type: 'pricing' as const, code: 'price-missing', reason: pricingHoldReason(pricing.problems) }] : []),
      ...(verdict?.hold ? [verdict.hold] : []),
      ...(payment.hold ? [{ type: 'payment' as const, ...payment.hold }] : []),
    ];
    const onHold = holds.length > 0;
    const holdReason = holdSummary(holds);
    const [{ n }] = await tx.$queryRaw<[{ n: bigint }]>`SELECT nextval('order_number_seq') AS n`;
    // Rental fee orders ship nothing, so they cannot be late.
    const ships = pricing.lines.some((line) => (line.kind ?? 'goods') !== 'rental-fee');
    const promisedShipBy = await this.modes.promisedShipBy(tx, draft.deliveryMode, now, ships);
    const inserted = await tx.salesOrder.createMany({
      data: [{
        ...fields, ...(shipTo && { shipTo: { ...shipTo } }), ...(billTo && { billTo: { ...billTo } }), ...(desk && deskColumns(desk)),
        searchPhone: phoneDigits(draft.customerPhone ?? shipTo?.phone), searchPostcode: postcodeSearchKey(shipTo?.postcode),
        id, orderNumber: formatOrderNumber(n), status: onHold ? 'on-hold' : 'created', statusBeforeHold: onHold ? 'created' : null,
        holdReason, totalMinor: totals.totalMinor, promisedShipBy, createdAt: now, updatedAt: now,
        subtotalMinor: totals.subtotalMinor, discountMinor: totals.discountMinor, taxMinor: totals.taxMinor, pricesIncludeTax: totals.pricesIncludeTax, taxStatus: totals.taxStatus,
      }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
      const winner = await this.findExisting(tx, draft);
      if (!winner) throw new Error(`order for ${draft.cycleKey ?? `${draft.channel}:${draft.sourceRef}`} conflicted but cannot be found`);
      return { order: winner, created: false, authorizationPending: false };
    }
    await tx.orderLine.createMany({ data: pricing.lines.map((line, position) => ({ id: randomUUID(), orderId: id, position, ...line, ...lineTaxColumns(tax, position) })) });
    // Holds the service places itself: its own decision, whoever sent the order.
    const placed = [];
    for (const spec of holds) placed.push(toHoldV1(await insertHold(tx, id, spec, ORDERS_SYSTEM, now)));
    if (verdict) await this.fraud.record(tx, id, verdict.evaluation);
    await insertHistory(tx, { orderId: id, fromStatus: null, toStatus: onHold ? 'on-hold' : 'created', reason: holdReason, at: now, ...actorColumns(cause) });
    const priceOverrides = await recordPriceOverrides(tx, id, desk?.overrides ?? [], actorOfCause(cause), now);
    const order = await readFullOrder(tx, id);
    if (!order) throw new Error(`order ${id} was written but cannot be read back`);
    // No card where one is required fails at once: a subscription cycle's retry ladder (dunning) starts, the failure event says when the next try is.
    const dunning = payment.mode === 'card' && payment.failure && order.cycleKey ? await this.dunning.open(tx, order, timeZone ?? 'UTC', now, dunningFinalAction ?? undefined) : undefined;
    await this.authorizer.recordRefusal(tx, order, payment, cause, now, dunning);
    const authorizationPending = payment.mode === 'card' && payment.pending;
    // What a cycle's dunning ladder opens with, should the authorization asked after commit fail: kept with the pending row.
    if (authorizationPending) await this.pending.add(tx, id, { timeZone: timeZone ?? null, dunningFinalAction: dunningFinalAction ?? null }, now);
    await publishOrderState(tx, order, holdReason, cause, now, {
      ...(placed.length > 0 && { placedHolds: placed }), ...(verdict && { fraudEvaluation: verdict.evaluation }),
      ...(priceOverrides.length > 0 && { priceOverrides }),
    });
    return { order, created: true, authorizationPending };
  }

  private findExisting(tx: Prisma.TransactionClient, draft: OrderDraft): Promise<FullOrder | null> {
    if (draft.cycleKey) return orderOfCycle(tx, draft.cycleKey);
    if (draft.sourceRef) return tx.salesOrder.findUnique({ where: { channel_sourceRef: { channel: draft.channel, sourceRef: draft.sourceRef } }, include: WITH_LINES });
    return Promise.resolve(null);
  }
}

function deskColumns(desk: DeskPricing) {
  return { sourceCode: desk.sourceCode, agentSub: desk.agentSub, shippingMinor: desk.shippingMinor, handlingMinor: desk.handlingMinor };
}

function lineTaxColumns(tax: OrderTax, position: number) {
  const line = tax.lines[position]!;
  return { taxCode: line.taxCode, taxRatePpm: line.ratePpm, taxMinor: line.taxMinor };
}

