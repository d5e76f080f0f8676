import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  IsCurrencyCode,
  IsEmailAddress,
  IsIntAtLeast,
  IsIsoDate,
  IsMinorAmount,
  IsNonEmptyString,
  NestedArray,
  NestedObject,
} from '../../validation/contract.decorators';
import { CYCLE_KEY_PATTERN } from '../subscriptions/cycle-key.util';
import { ShipToV1 } from '../shared/ship-to-v1.schema';
import { FraudEvaluationV1, OrderHoldV1 } from './order-hold-v1.schema';
import { OrderTotalsV1 } from './order-totals-v1.schema';
import { STOCK_OUTCOMES, type StockOutcome } from '../shared/out-of-stock-policy';
import { PriceOverrideV1 } from './price-override-v1.schema';

/** Order states as published on `orders.order.v1`. */
export const ORDER_STATUSES = [
  'created',
  'reserved',
  'released',
  'on-hold',
  'backordered',
  'cancelled',
  'shipped',
  'delivered',
  'closed',
] as const;
/** One of {@link ORDER_STATUSES}. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * What a line asks of fulfillment: goods are reserved and shipped; a rental
 * line holds one unit per quantity long-term (the subscription's first order);
 * a rental fee is money only (later cycles of a rental): no reservation, no shipment.
 */
export const ORDER_LINE_KINDS = ['goods', 'rental', 'rental-fee'] as const;
/** One of {@link ORDER_LINE_KINDS}. */
export type OrderLineKind = (typeof ORDER_LINE_KINDS)[number];

/**
 * Why the orders service itself cancelled an order, as a typed fact on the
 * cancelled event (consumers decide on it, never on `reason`):
 * `late`: not shipped by its promised ship time plus the cancel threshold (the late-order watchdog).
 */
export const ORDER_CANCEL_CODES = ['late'] as const;
/** One of {@link ORDER_CANCEL_CODES}. */
export type OrderCancelCode = (typeof ORDER_CANCEL_CODES)[number];

/** One order line, priced at the moment the order was created. */
export class OrderLineV1 {
  @IsNonEmptyString()
  lineId: string;

  @IsNonEmptyString()
  productId: string;

  @IsNonEmptyString()
  sku: string;

  @IsIntAtLeast(1)
  quantity: number;

  /** The net unit price: after overrides and discounts. */
  @IsMinorAmount()
  unitPriceMinor: number;

  /** The catalog list price per unit, for orders priced by call-center pricing (HTTP); absent otherwise. */
  @IsOptional()
  @IsMinorAmount()
  listPriceMinor?: number;

  /** The percent discount on the whole line (source code or override), in minor units; absent when none. */
  @IsOptional()
  @IsMinorAmount()
  discountMinor?: number;

  /** Absent on events published before rentals: read as `goods`. */
  @IsOptional()
  @IsIn(ORDER_LINE_KINDS)
  kind?: OrderLineKind;

  /** The subscription line this order line comes from (rental units are held per subscription line). */
  @IsOptional()
  @IsNonEmptyString()
  subscriptionLineId?: string;

  /** The line's sales tax in minor units (rounded half up per line); absent on events of orders placed before tax. */
  @IsOptional()
  @IsMinorAmount()
  taxMinor?: number;

  /** The rate applied to the line, a percentage with four decimals ("21.0000"); absent when none applied. */
  @IsOptional()
  @Matches(/^\d{1,3}\.\d{4}$/, { message: '$property must be a percentage with four decimals such as 21.0000' })
  taxRatePercent?: string;
}

/**
 * Order state after a change, shared by every `orders.order.*.v1` type. Full
 * state rather than a diff, so a consumer that missed nothing needs no lookups.
 */
export class OrderLifecycleV1 {
  @IsNonEmptyString()
  orderId: string;

  /** Human-facing number, for messages and support; `orderId` stays the key. */
  @IsNonEmptyString()
  orderNumber: string;

  @IsNonEmptyString()
  customerId: string;

  /** Present only for orders generated from a subscription cycle. */
  @IsOptional()
  @IsNonEmptyString()
  subscriptionId?: string;

  @IsOptional()
  @IsIntAtLeast(0)
  cycleIndex?: number;

  @IsOptional()
  @Matches(CYCLE_KEY_PATTERN, { message: '$property must look like sub:<subscriptionId>:cycle:<n>' })
  cycleKey?: string;

  @IsIn(ORDER_STATUSES)
  status: OrderStatus;

  @IsCurrencyCode()
  currency: string;

  /** Lines plus charges (no tax yet). */
  @IsMinorAmount()
  totalMinor: number;

  /** Order-level charges; absent when 0. */
  @IsOptional()
  @IsMinorAmount()
  shippingMinor?: number;

  @IsOptional()
  @IsMinorAmount()
  handlingMinor?: number;

  /** The source code the order was placed with. */
  @IsOptional()
  @IsNonEmptyString()
  sourceCode?: string;

  /** The service rep (token sub) who placed the order, for orders placed by customer service. */
  @IsOptional()
  @IsNonEmptyString()
  agentSub?: string;

  /** On the event of the order's creation: every price override given with it (typed, with actor and reason). */
  @IsOptional()
  @NestedArray(PriceOverrideV1)
  priceOverrides?: PriceOverrideV1[];

  @NestedArray(OrderLineV1, 1)
  lines: OrderLineV1[];

  /** Set when the order was backordered or cancelled for lack of stock: what its out-of-stock policy did. Consumers decide on this, never on `reason`. */
  @IsOptional()
  @IsIn(STOCK_OUTCOMES)
  stockOutcome?: StockOutcome;

  /** Set on a cancelled event when the service cancelled the order itself: why, typed (`late`: the late-order watchdog). */
  @IsOptional()
  @IsIn(ORDER_CANCEL_CODES)
  cancelCode?: OrderCancelCode;

  /** The order's delivery mode code (standard, express, ...); absent on events published before delivery modes. */
  @IsOptional()
  @IsNonEmptyString()
  deliveryMode?: string;

  /** When the order should leave the warehouse at the latest (creation time plus its delivery mode's promised ship time). */
  @IsOptional()
  @IsIsoDate()
  promisedShipBy?: string;

  /** When the late-order watchdog found it not shipped past its notice threshold (set once; `orders.order.late.v1`). */
  @IsOptional()
  @IsIsoDate()
  lateNoticedAt?: string;

  /** Why the order moved (hold reason, cancel reason); free text for people. */
  @IsOptional()
  @IsString()
  reason?: string;

  /** Where the customer's emails go (notifications). */
  @IsOptional()
  @IsEmailAddress()
  customerEmail?: string;

  /** Sales channel the order came from (web, call-center, subscription). */
  @IsOptional()
  @IsString()
  channel?: string;

  /** Where the order is delivered: copied at creation (a subscription cycle's from its subscription); absent when none was given. */
  @IsOptional()
  @NestedObject(ShipToV1)
  shipTo?: ShipToV1;

  /** The order's open holds after the change (absent or empty: none); the order is on-hold while any is open. */
  @IsOptional()
  @NestedArray(OrderHoldV1)
  holds?: OrderHoldV1[];

  /** Holds this change placed, each naming who placed it (e.g. a fraud hold at placement; a csr's manual hold). */
  @IsOptional()
  @NestedArray(OrderHoldV1)
  placedHolds?: OrderHoldV1[];

  /** Holds this change cleared, each naming who cleared it and why. */
  @IsOptional()
  @NestedArray(OrderHoldV1)
  clearedHolds?: OrderHoldV1[];

  /** Set on the event of the order's placement when the fraud rules evaluated it. */
  @IsOptional()
  @NestedObject(FraudEvaluationV1)
  fraudEvaluation?: FraudEvaluationV1;
  /** Subtotal, discounts, charges, tax and total at placement (sales tax); absent on events of orders placed before tax. */
  @IsOptional()
  @NestedObject(OrderTotalsV1)
  totals?: OrderTotalsV1;
}
