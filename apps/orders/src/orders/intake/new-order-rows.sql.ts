import type { SqlClient } from '@oms/outbox';
import type { OrderHold, OrderLine, SalesOrder } from '../../generated/prisma/client';
import { PENDING_GRACE_MS, type DunningTerms } from '../../payments/authorization/pending-authorizations';
import { toModel, type HistoryRow } from '../status/order-rows.sql';

/**
 * A new order written in one statement: the order row (its number from
 * order_number_seq), its lines, the holds it is born with, its first history
 * row and, for a card order, its pending authorization. Through Prisma these
 * were five to seven statements and a read back per order, on every due cycle.
 */

/** The order row's columns a new order sets (the rest keep their defaults); `orderNumber` comes from the sequence. */
export type NewOrderRow = Omit<SalesOrder, 'orderNumber' | 'rentalReturnsClosed' | 'lateNoticedAt' | 'cancelCode'>;

/** A hold as written: open, placed with the order. */
export type NewHold = Omit<OrderHold, 'seq' | 'orderId'>;

type Row = Record<string, unknown>;

const bigints = (values: ReadonlyArray<bigint | null>) => values.map((v) => (v === null ? null : v.toString()));
const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

/** One new order's rows: the order, its lines, the holds it is born with, its first history row, its pending authorization (card orders). */
export interface NewOrderRows {
  order: NewOrderRow;
  lines: OrderLine[];
  holds: NewHold[];
  history: Omit<HistoryRow, 'orderId'>;
  pending: DunningTerms | null;
}

/**
 * Inserts the order unless its cycle key or (channel, source ref) already has
 * one (ON CONFLICT DO NOTHING, as Prisma's skipDuplicates: no aborted
 * transaction); then nothing else is written and the result is null. The
 * lines, holds, history and pending rows are written only with the order
 * (each selects from the inserted row).
 * @returns the order row as written, the model's types (BigInt amounts, Dates, JSON addresses).
 */
export async function insertNewOrder(
  tx: SqlClient, order: NewOrderRow, lines: OrderLine[], holds: NewHold[], history: Omit<HistoryRow, 'orderId'>, pending: DunningTerms | null,
): Promise<SalesOrder | null> {
  const inserted = await insertNewOrders(tx, [{ order, lines, holds, history, pending }]);
  return inserted.get(order.id) ?? null;
}

/**
 * {@link insertNewOrder} for several orders in one statement (a batch of due cycles), in the order given: their
 * numbers follow that order, and so do their holds' seq. An order whose cycle key or (channel, source ref) is
 * taken (by an earlier order of the same statement too) is not inserted, nor are its other rows.
 * @returns the orders inserted, by id.
 */
export async function insertNewOrders(tx: SqlClient, orders: readonly NewOrderRows[]): Promise<Map<string, SalesOrder>> {
  if (orders.length === 0) return new Map();
  const o = orders.map((entry) => entry.order);
  const lines = orders.flatMap((entry) => entry.lines);
  const holds = orders.flatMap((entry) => entry.holds.map((hold) => ({ ...hold, orderId: entry.order.id })));
  const pending = orders.flatMap(({ order, pending: terms }) => (terms
    ? [{ orderId: order.id, ...terms, createdAt: order.createdAt, sweepAfter: new Date(order.createdAt.getTime() + PENDING_GRACE_MS) }]
    : []));
  const rows = await tx.$queryRaw<Row[]>`
    WITH inserted AS (
      INSERT INTO sales_order (id, order_number, customer_id, customer_email, customer_name, customer_phone, search_phone, search_postcode,
        channel, created_by, source_ref, subscription_id, cycle_index, cycle_key, status, status_before_hold, currency,
        total_minor, shipping_minor, handling_minor, source_code, agent_sub, subtotal_minor, discount_minor, tax_minor, prices_include_tax, tax_status,
        out_of_stock_policy, hold_reason, ship_to, delivery_mode, promised_ship_by, bill_to, created_at, updated_at)
      -- SO-000042: the sequence's value in at least six digits, never cut.
      SELECT o.id, 'SO-' || lpad(o.n::text, greatest(6, length(o.n::text)), '0'),
        o.customer_id, o.customer_email, o.customer_name, o.customer_phone, o.search_phone, o.search_postcode,
        o.channel, o.created_by, o.source_ref, o.subscription_id, o.cycle_index, o.cycle_key, o.status, o.status_before_hold, o.currency,
        o.total_minor, o.shipping_minor, o.handling_minor, o.source_code, o.agent_sub, o.subtotal_minor, o.discount_minor, o.tax_minor,
        o.prices_include_tax, o.tax_status, o.out_of_stock_policy, o.hold_reason, o.ship_to, o.delivery_mode, o.promised_ship_by, o.bill_to,
        o.created_at, o.updated_at
      -- nextval after the sort: the numbers follow the orders' order.
      FROM (SELECT u.*, nextval('order_number_seq') AS n FROM unnest(
        ${o.map((r) => r.id)}::uuid[], ${o.map((r) => r.customerId)}::text[], ${o.map((r) => r.customerEmail)}::text[], ${o.map((r) => r.customerName)}::text[],
        ${o.map((r) => r.customerPhone)}::text[], ${o.map((r) => r.searchPhone)}::text[], ${o.map((r) => r.searchPostcode)}::text[],
        ${o.map((r) => r.channel)}::text[], ${o.map((r) => r.createdBy)}::text[], ${o.map((r) => r.sourceRef)}::text[], ${o.map((r) => r.subscriptionId)}::text[],
        ${o.map((r) => r.cycleIndex)}::int[], ${o.map((r) => r.cycleKey)}::text[], ${o.map((r) => r.status)}::text[], ${o.map((r) => r.statusBeforeHold)}::text[],
        ${o.map((r) => r.currency)}::text[], ${bigints(o.map((r) => r.totalMinor))}::bigint[], ${bigints(o.map((r) => r.shippingMinor))}::bigint[],
        ${bigints(o.map((r) => r.handlingMinor))}::bigint[], ${o.map((r) => r.sourceCode)}::text[], ${o.map((r) => r.agentSub)}::text[],
        ${bigints(o.map((r) => r.subtotalMinor))}::bigint[], ${bigints(o.map((r) => r.discountMinor))}::bigint[], ${bigints(o.map((r) => r.taxMinor))}::bigint[],
        ${o.map((r) => r.pricesIncludeTax)}::boolean[], ${o.map((r) => r.taxStatus)}::text[], ${o.map((r) => r.outOfStockPolicy)}::text[],
        ${o.map((r) => r.holdReason)}::text[], ${o.map((r) => json(r.shipTo))}::jsonb[], ${o.map((r) => r.deliveryMode)}::text[],
        ${o.map((r) => r.promisedShipBy)}::timestamptz[], ${o.map((r) => json(r.billTo))}::jsonb[],
        ${o.map((r) => r.createdAt)}::timestamptz[], ${o.map((r) => r.updatedAt)}::timestamptz[]
      ) WITH ORDINALITY AS u(id, customer_id, customer_email, customer_name, customer_phone, search_phone, search_postcode,
        channel, created_by, source_ref, subscription_id, cycle_index, cycle_key, status, status_before_hold, currency,
        total_minor, shipping_minor, handling_minor, source_code, agent_sub, subtotal_minor, discount_minor, tax_minor, prices_include_tax, tax_status,
        out_of_stock_policy, hold_reason, ship_to, delivery_mode, promised_ship_by, bill_to, created_at, updated_at, position)
      ORDER BY u.position) AS o
      ON CONFLICT DO NOTHING
      RETURNING *
    ), order_lines AS (
      INSERT INTO order_line (id, order_id, position, product_id, sku, quantity, unit_price_minor, line_total_minor, list_price_minor, discount_minor,
        unit_cost_minor, margin_alert, tax_code, tax_rate_ppm, tax_minor, kind, subscription_line_id)
      SELECT l.id, l.order_id, l.position, l.product_id, l.sku, l.quantity, l.unit_price_minor, l.line_total_minor, l.list_price_minor, l.discount_minor,
        l.unit_cost_minor, l.margin_alert, l.tax_code, l.tax_rate_ppm, l.tax_minor, l.kind, l.subscription_line_id
      FROM unnest(
        ${lines.map((l) => l.id)}::uuid[], ${lines.map((l) => l.orderId)}::uuid[], ${lines.map((l) => l.position)}::int[], ${lines.map((l) => l.productId)}::text[],
        ${lines.map((l) => l.sku)}::text[], ${lines.map((l) => l.quantity)}::int[],
        ${bigints(lines.map((l) => l.unitPriceMinor))}::bigint[], ${bigints(lines.map((l) => l.lineTotalMinor))}::bigint[],
        ${bigints(lines.map((l) => l.listPriceMinor))}::bigint[], ${bigints(lines.map((l) => l.discountMinor))}::bigint[],
        ${bigints(lines.map((l) => l.unitCostMinor))}::bigint[], ${lines.map((l) => l.marginAlert)}::boolean[],
        ${lines.map((l) => l.taxCode)}::text[], ${lines.map((l) => l.taxRatePpm)}::int[], ${bigints(lines.map((l) => l.taxMinor))}::bigint[],
        ${lines.map((l) => l.kind)}::text[], ${lines.map((l) => l.subscriptionLineId)}::text[]
      ) AS l(id, order_id, position, product_id, sku, quantity, unit_price_minor, line_total_minor, list_price_minor, discount_minor,
        unit_cost_minor, margin_alert, tax_code, tax_rate_ppm, tax_minor, kind, subscription_line_id)
      WHERE l.order_id IN (SELECT id FROM inserted)
    ), order_holds AS (
      -- In the order given: seq is the holds' placement order.
      INSERT INTO order_hold (id, order_id, type, code, reason, placed_by_sub, placed_by_role, placed_at)
      SELECT h.id, h.order_id, h.type, h.code, h.reason, h.placed_by_sub, h.placed_by_role, h.placed_at
      FROM unnest(
        ${holds.map((h) => h.id)}::uuid[], ${holds.map((h) => h.orderId)}::uuid[], ${holds.map((h) => h.type)}::text[], ${holds.map((h) => h.code)}::text[],
        ${holds.map((h) => h.reason)}::text[], ${holds.map((h) => h.placedBySub)}::text[], ${holds.map((h) => h.placedByRole)}::text[],
        ${holds.map((h) => h.placedAt)}::timestamptz[]
      ) WITH ORDINALITY AS h(id, order_id, type, code, reason, placed_by_sub, placed_by_role, placed_at, position)
      WHERE h.order_id IN (SELECT id FROM inserted)
      ORDER BY h.position
    ), first_history AS (
      INSERT INTO order_status_history (order_id, from_status, to_status, reason, at, actor_sub, actor_role)
      SELECT h.order_id, h.from_status, h.to_status, h.reason, h.at, h.actor_sub, h.actor_role
      FROM unnest(
        ${o.map((r) => r.id)}::uuid[], ${orders.map((e) => e.history.fromStatus)}::text[], ${orders.map((e) => e.history.toStatus)}::text[],
        ${orders.map((e) => e.history.reason)}::text[], ${orders.map((e) => e.history.at)}::timestamptz[],
        ${orders.map((e) => e.history.actorSub)}::text[], ${orders.map((e) => e.history.actorRole)}::text[]
      ) WITH ORDINALITY AS h(order_id, from_status, to_status, reason, at, actor_sub, actor_role, position)
      WHERE h.order_id IN (SELECT id FROM inserted)
      ORDER BY h.position
    ), pending AS (
      INSERT INTO pending_authorization (order_id, attempt, time_zone, final_action, created_at, sweep_after)
      SELECT p.order_id, 1, p.time_zone, p.final_action, p.created_at, p.sweep_after
      FROM unnest(
        ${pending.map((p) => p.orderId)}::uuid[], ${pending.map((p) => p.timeZone)}::text[], ${pending.map((p) => p.dunningFinalAction)}::text[],
        ${pending.map((p) => p.createdAt)}::timestamptz[], ${pending.map((p) => p.sweepAfter)}::timestamptz[]
      ) AS p(order_id, time_zone, final_action, created_at, sweep_after)
      WHERE p.order_id IN (SELECT id FROM inserted)
    )
    SELECT * FROM inserted`;
  return new Map(rows.map((row) => { const order = toModel<SalesOrder>(row); return [order.id, order]; }));
}
