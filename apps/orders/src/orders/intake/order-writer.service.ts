import { Inject, Injectable } from '@nestjs/common';
import type { DunningFinalAction, OutOfStockPolicy, ShipToV1 } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import { CLOCK, type Clock } from '@oms/service-runtime';
import type { Prisma, SalesOrder } from '../../generated/prisma/client';
import { FraudScreening } from '../../fraud/fraud-screening.service';
import { toHoldV1, type HoldSpec } from '../holds/hold-rows';
import { OrderAuthorizer } from '../../payments/authorization/order-authorizer.service';
import { DunningCases } from '../../payments/dunning/dunning-cases';
import type { FullOrder } from '../order.mapper';
import { phoneDigits, postcodeSearchKey } from '../search-keys';
import { recordPriceOverrides } from '../../pricing/price-overrides';
import type { PriceOverride } from '../../pricing/order-pricing.types';
import { actorColumns, actorOfCause, publishOrderState, type Cause, type EventFacts } from '../status/order-events';
import { orderOfCycle, orderOfSourceRef, readFullOrder } from '../status/order-rows.sql';
import type { Pricing } from './line-pricing';
import { readNewOrderContext, readNewOrderContexts, type NewOrderContext, type NewOrderKeys } from './new-order-context.sql';
import { insertNewOrder, insertNewOrders, type NewOrderRows } from './new-order-rows.sql';
import { planNewOrder, taxedTotals, type NewOrderPlan, type TaxedTotals } from './new-order-plan';

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

/** A draft of a batch, with its cause and the context read for it (OrderWriter.prepareMany). */
export interface BatchDraft {
  draft: OrderDraft;
  cause: Cause;
  context: NewOrderContext;
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
  prepare(tx: SqlClient, draft: Omit<OrderDraft, 'pricing'>, productIds: string[]): Promise<NewOrderContext> {
    return readNewOrderContext(tx, newOrderKeys(draft, productIds));
  }

  /** {@link prepare} for several drafts (a batch of due cycles) in one statement, in the order given. */
  prepareMany(tx: SqlClient, drafts: ReadonlyArray<{ draft: Omit<OrderDraft, 'pricing'>; productIds: string[] }>): Promise<NewOrderContext[]> {
    return readNewOrderContexts(tx, drafts.map(({ draft, productIds }) => newOrderKeys(draft, productIds)));
  }

  /**
   * @param known - the draft's context when the caller has read it already with {@link prepare} (to price from its
   *   products), in this transaction.
   */
  async insert(tx: Prisma.TransactionClient, draft: OrderDraft, cause: Cause, known?: NewOrderContext): Promise<WrittenOrder> {
    const context = known ?? await this.prepare(tx, draft, productIdsOf(draft));
    if (context.existingOrderId) return this.existing(tx, context.existingOrderId);
    const now = this.clock.now();
    const taxed = taxedTotals(draft, chargesOf(draft), context, now);
    const verdict = draft.screenForFraud ? await this.fraud.screen(tx, { ...draft, totalMinor: taxed.totals.totalMinor }, now) : null;
    const plan = this.plan(draft, context, taxed, verdict?.hold ?? null, now);
    const row = await this.write(tx, draft, plan, cause, now);
    if (!row) return this.conflicted(tx, draft);
    if (verdict) await this.fraud.record(tx, plan.id, verdict.evaluation);
    const priceOverrides = await recordPriceOverrides(tx, plan.id, draft.desk?.overrides ?? [], actorOfCause(cause), now);
    const order: FullOrder = { ...row, lines: plan.lines };
    const { payment } = plan;
    // No card where one is required fails at once: a subscription cycle's retry ladder (dunning) starts, the failure event says when the next try is.
    const dunning = payment.mode === 'card' && payment.failure && order.cycleKey ? await this.dunning.open(tx, order, draft.timeZone ?? 'UTC', now, draft.dunningFinalAction ?? undefined) : undefined;
    await this.authorizer.recordRefusal(tx, order, payment, cause, now, dunning);
    await publishNewOrder(tx, order, plan, cause, now, { ...(verdict && { fraudEvaluation: verdict.evaluation }), ...(priceOverrides.length > 0 && { priceOverrides }) });
    return { order, created: true, authorizationPending: plan.authorizationPending };
  }

  /**
   * {@link insert} on a plain SqlClient, for a draft whose order needs nothing but SQL (every due cycle of the
   * pipeline): no fraud screening, no price overrides, no card refused at once (which opens a dunning case and
   * records the refusal through Prisma). Same statements, rows and event as {@link insert}; 'declined', before
   * anything is written, for a draft that needs more (the caller then runs {@link insert} in Prisma's transaction).
   */
  async insertPlain(tx: SqlClient, draft: OrderDraft, cause: Cause, known?: NewOrderContext): Promise<WrittenOrder | 'declined'> {
    if (needsPrisma(draft)) return 'declined';
    const context = known ?? await this.prepare(tx, draft, productIdsOf(draft));
    const written = await this.insertManyPlain(tx, [{ draft, cause, context }]);
    return written === 'declined' ? written : written[0]!;
  }

  /**
   * {@link insertPlain} for a batch of drafts, in the order given, every new order in one statement: the same rows
   * and events as insertPlain applied to each in turn. A second draft of the same cycle (or upstream order) finds the
   * first one's order, as it would one by one. 'declined', before anything is written, when any draft needs more
   * than SQL (the caller then takes the drafts one by one).
   */
  async insertManyPlain(tx: SqlClient, batch: readonly BatchDraft[]): Promise<WrittenOrder[] | 'declined'> {
    const planned: Array<{ entry: BatchDraft; plan: NewOrderPlan; now: Date } | { entry: BatchDraft; existingOrderId: string } | { entry: BatchDraft; sameAs: number }> = [];
    const firstOfIdentity = new Map<string, number>();
    for (const entry of batch) {
      const { draft, context } = entry;
      if (needsPrisma(draft)) return 'declined';
      const identities = identitiesOf(draft);
      const earlier = identities.map((identity) => firstOfIdentity.get(identity)).find((index) => index !== undefined);
      if (context.existingOrderId) planned.push({ entry, existingOrderId: context.existingOrderId });
      else if (earlier !== undefined) planned.push({ entry, sameAs: earlier });
      else {
        const now = this.clock.now();
        const plan = this.plan(draft, context, taxedTotals(draft, chargesOf(draft), context, now), null, now);
        if (plan.payment.mode === 'card' && plan.payment.failure) return 'declined';
        for (const identity of identities) firstOfIdentity.set(identity, planned.length);
        planned.push({ entry, plan, now });
      }
    }
    const inserted = await insertNewOrders(tx, planned.flatMap((p) => ('plan' in p ? [this.rowsOf(p.entry.draft, p.plan, p.entry.cause, p.now)] : [])));
    const written: WrittenOrder[] = [];
    for (const p of planned) {
      if ('existingOrderId' in p) written.push(await this.existing(tx, p.existingOrderId));
      else if ('sameAs' in p) written.push({ ...written[p.sameAs]!, created: false, authorizationPending: false });
      else {
        const row = inserted.get(p.plan.id);
        if (!row) {
          written.push(await this.conflicted(tx, p.entry.draft));
          continue;
        }
        const order: FullOrder = { ...row, lines: p.plan.lines };
        await publishNewOrder(tx, order, p.plan, p.entry.cause, p.now, {});
        written.push({ order, created: true, authorizationPending: p.plan.authorizationPending });
      }
    }
    return written;
  }

  /** The order as decided from the draft, its context and the fraud hold (if any), with how it pays; nothing read or written. */
  private plan(draft: OrderDraft, context: NewOrderContext, taxed: TaxedTotals, fraudHold: HoldSpec | null, now: Date): NewOrderPlan {
    // A card order is born on a payment hold, its authorization (tax and charges included) pending until the provider
    // answers after commit: fulfillment never sees an order that is not authorized, and no provider call runs in here.
    const payment = this.authorizer.decide(
      { customerId: draft.customerId, channel: draft.channel, totalMinor: taxed.totals.totalMinor, unpriced: draft.pricing.problems.length > 0 },
      context.paymentMethod, context.paymentSettings,
    );
    return planNewOrder(draft.pricing, context, taxed, payment, fraudHold, now);
  }

  /** Inserts the planned order (one statement); null when another transaction wrote this cycle's (or upstream order's) order first. */
  private async write(tx: SqlClient, draft: OrderDraft, plan: NewOrderPlan, cause: Cause, now: Date): Promise<SalesOrder | null> {
    const { order, lines, holds, history, pending } = this.rowsOf(draft, plan, cause, now);
    return insertNewOrder(tx, order, lines, holds, history, pending);
  }

  /** The rows of the planned order. */
  private rowsOf(draft: OrderDraft, plan: NewOrderPlan, cause: Cause, now: Date): NewOrderRows {
    const { shipTo, billTo, desk, timeZone, dunningFinalAction } = draft;
    const { id, totals, holdReason, placed, lines } = plan;
    const onHold = placed.length > 0;
    return {
      order: {
        customerId: draft.customerId, customerEmail: draft.customerEmail, customerName: draft.customerName, customerPhone: draft.customerPhone,
        channel: draft.channel, createdBy: draft.createdBy, sourceRef: draft.sourceRef, subscriptionId: draft.subscriptionId, cycleIndex: draft.cycleIndex,
        cycleKey: draft.cycleKey, currency: draft.currency, outOfStockPolicy: draft.outOfStockPolicy, deliveryMode: draft.deliveryMode,
        shipTo: shipTo ? { ...shipTo } : null, billTo: billTo ? { ...billTo } : null,
        sourceCode: desk?.sourceCode ?? null, agentSub: desk?.agentSub ?? null, shippingMinor: BigInt(desk?.shippingMinor ?? 0), handlingMinor: BigInt(desk?.handlingMinor ?? 0),
        searchPhone: phoneDigits(draft.customerPhone ?? shipTo?.phone), searchPostcode: postcodeSearchKey(shipTo?.postcode),
        id, status: onHold ? 'on-hold' : 'created', statusBeforeHold: onHold ? 'created' : null,
        holdReason, totalMinor: BigInt(totals.totalMinor), promisedShipBy: plan.promisedShipBy, createdAt: now, updatedAt: now,
        subtotalMinor: BigInt(totals.subtotalMinor), discountMinor: BigInt(totals.discountMinor), taxMinor: BigInt(totals.taxMinor),
        pricesIncludeTax: totals.pricesIncludeTax, taxStatus: totals.taxStatus,
      },
      lines, holds: placed, history: { fromStatus: null, toStatus: onHold ? 'on-hold' : 'created', reason: holdReason, at: now, ...actorColumns(cause) },
      // What a cycle's dunning ladder opens with, should the authorization asked after commit fail: kept with the pending row.
      pending: plan.authorizationPending ? { timeZone: timeZone ?? null, dunningFinalAction: dunningFinalAction ?? null } : null,
    };
  }

  private async existing(tx: SqlClient, orderId: string): Promise<WrittenOrder> {
    const order = await readFullOrder(tx, orderId);
    if (!order) throw new Error(`order ${orderId} was found but cannot be read`);
    return { order, created: false, authorizationPending: false };
  }

  /** The order another transaction wrote since the context was read. */
  private async conflicted(tx: SqlClient, draft: OrderDraft): Promise<WrittenOrder> {
    const winner = draft.cycleKey ? await orderOfCycle(tx, draft.cycleKey) : draft.sourceRef ? await orderOfSourceRef(tx, draft.channel, draft.sourceRef) : null;
    if (!winner) throw new Error(`order for ${draft.cycleKey ?? `${draft.channel}:${draft.sourceRef}`} conflicted but cannot be found`);
    return { order: winner, created: false, authorizationPending: false };
  }
}

/** The new order's first event: on-hold with the holds it was born with, or created. */
function publishNewOrder(tx: SqlClient, order: FullOrder, plan: NewOrderPlan, cause: Cause, now: Date, facts: EventFacts): Promise<void> {
  const placedHolds = plan.placed.map(toHoldV1);
  return publishOrderState(tx, order, plan.holdReason, cause, now, { ...(placedHolds.length > 0 && { placedHolds }), ...facts }, placedHolds);
}

const productIdsOf = (draft: OrderDraft) => draft.pricing.lines.map((line) => line.productId);

/** Shipping and handling, which call-center pricing adds. */
const chargesOf = (draft: OrderDraft) => (draft.desk?.shippingMinor ?? 0) + (draft.desk?.handlingMinor ?? 0);

/** Fraud screening and price overrides are written through Prisma: such a draft is declined by the plain paths. */
const needsPrisma = (draft: OrderDraft): boolean => draft.screenForFraud || (draft.desk?.overrides.length ?? 0) > 0;

/**
 * The unique keys that make a second order of the draft's impossible, as the database enforces them: its cycle key
 * and its (channel, source ref), each when set. A later draft of a batch sharing either is the same order.
 */
function identitiesOf(draft: OrderDraft): string[] {
  return [
    ...(draft.cycleKey !== null ? [`cycle ${draft.cycleKey}`] : []),
    ...(draft.sourceRef !== null ? [`source ${draft.channel} ${draft.sourceRef}`] : []),
  ];
}

/** What the context of a draft (its pricing aside) is read by; `productIds` are the lines' products. */
function newOrderKeys(draft: Omit<OrderDraft, 'pricing'>, productIds: string[]): NewOrderKeys {
  return {
    cycleKey: draft.cycleKey, channel: draft.channel, sourceRef: draft.sourceRef, customerId: draft.customerId,
    countryCode: draft.shipTo?.countryCode ?? null, deliveryMode: draft.deliveryMode, productIds,
  };
}
