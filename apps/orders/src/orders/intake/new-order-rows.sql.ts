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

/**
 * Inserts the order unless its cycle key or (channel, source ref) already has
 * one (ON CONFLICT DO NOTHING, as Prisma's skipDuplicates: no aborted
 * transaction); then nothing else is written and the result is null. The
 * lines, holds, history and pending rows are written only with the order
 * (each selects from the inserted row).
 * @returns the order row as written, the model's types (BigInt amounts, Dates, JSON addresses).
 */
export async function insertNewOrder(
  tx: SqlClient, o: NewOrderRow, lines: OrderLine[], holds: NewHold[], history: Omit<HistoryRow, 'orderId'>, pending: DunningTerms | null,
): Promise<SalesOrder | null> {
  const sweepAfter = new Date(o.createdAt.getTime() + PENDING_GRACE_MS);
  const [row] = await tx.$queryRaw<Row[]>`
    WITH inserted AS (
      INSERT INTO sales_order (id, order_number, customer_id, customer_email, customer_name, customer_phone, search_phone, search_postcode,
        channel, created_by, source_ref, subscription_id, cycle_index, cycle_key, status, status_before_hold, currency,
        total_minor, shipping_minor, handling_minor, source_code, agent_sub, subtotal_minor, discount_minor, tax_minor, prices_include_tax, tax_status,
        out_of_stock_policy, hold_reason, ship_to, delivery_mode, promised_ship_by, bill_to, created_at, updated_at)
      -- SO-000042: the sequence's value in at least six digits, never cut.
      SELECT ${o.id}::uuid, 'SO-' || lpad(number.n::text, greatest(6, length(number.n::text)), '0'),
        ${o.customerId}, ${o.customerEmail}::text, ${o.customerName}::text, ${o.customerPhone}::text, ${o.searchPhone}::text, ${o.searchPostcode}::text,
        ${o.channel}, ${o.createdBy}::text, ${o.sourceRef}::text, ${o.subscriptionId}::text, ${o.cycleIndex}::int, ${o.cycleKey}::text,
        ${o.status}, ${o.statusBeforeHold}::text, ${o.currency},
        ${o.totalMinor.toString()}::bigint, ${o.shippingMinor.toString()}::bigint, ${o.handlingMinor.toString()}::bigint, ${o.sourceCode}::text, ${o.agentSub}::text,
        ${o.subtotalMinor?.toString() ?? null}::bigint, ${o.discountMinor?.toString() ?? null}::bigint, ${o.taxMinor?.toString() ?? null}::bigint,
        ${o.pricesIncludeTax}::boolean, ${o.taxStatus}::text,
        ${o.outOfStockPolicy}, ${o.holdReason}::text, ${json(o.shipTo)}::jsonb, ${o.deliveryMode}, ${o.promisedShipBy}::timestamptz, ${json(o.billTo)}::jsonb,
        ${o.createdAt}::timestamptz, ${o.updatedAt}::timestamptz
      FROM (SELECT nextval('order_number_seq') AS n) AS number
      ON CONFLICT DO NOTHING
      RETURNING *
    ), order_lines AS (
      INSERT INTO order_line (id, order_id, position, product_id, sku, quantity, unit_price_minor, line_total_minor, list_price_minor, discount_minor,
        unit_cost_minor, margin_alert, tax_code, tax_rate_ppm, tax_minor, kind, subscription_line_id)
      SELECT l.id, inserted.id, l.position, l.product_id, l.sku, l.quantity, l.unit_price_minor, l.line_total_minor, l.list_price_minor, l.discount_minor,
        l.unit_cost_minor, l.margin_alert, l.tax_code, l.tax_rate_ppm, l.tax_minor, l.kind, l.subscription_line_id
      FROM inserted, unnest(
        ${lines.map((l) => l.id)}::uuid[], ${lines.map((l) => l.position)}::int[], ${lines.map((l) => l.productId)}::text[],
        ${lines.map((l) => l.sku)}::text[], ${lines.map((l) => l.quantity)}::int[],
        ${bigints(lines.map((l) => l.unitPriceMinor))}::bigint[], ${bigints(lines.map((l) => l.lineTotalMinor))}::bigint[],
        ${bigints(lines.map((l) => l.listPriceMinor))}::bigint[], ${bigints(lines.map((l) => l.discountMinor))}::bigint[],
        ${bigints(lines.map((l) => l.unitCostMinor))}::bigint[], ${lines.map((l) => l.marginAlert)}::boolean[],
        ${lines.map((l) => l.taxCode)}::text[], ${lines.map((l) => l.taxRatePpm)}::int[], ${bigints(lines.map((l) => l.taxMinor))}::bigint[],
        ${lines.map((l) => l.kind)}::text[], ${lines.map((l) => l.subscriptionLineId)}::text[]
      ) AS l(id, position, product_id, sku, quantity, unit_price_minor, line_total_minor, list_price_minor, discount_minor,
        unit_cost_minor, margin_alert, tax_code, tax_rate_ppm, tax_minor, kind, subscription_line_id)
    ), order_holds AS (
      -- In the order given: seq is the holds' placement order.
      INSERT INTO order_hold (id, order_id, type, code, reason, placed_by_sub, placed_by_role, placed_at)
      SELECT h.id, inserted.id, h.type, h.code, h.reason, h.placed_by_sub, h.placed_by_role, h.placed_at
      FROM inserted, unnest(
        ${holds.map((h) => h.id)}::uuid[], ${holds.map((h) => h.type)}::text[], ${holds.map((h) => h.code)}::text[], ${holds.map((h) => h.reason)}::text[],
        ${holds.map((h) => h.placedBySub)}::text[], ${holds.map((h) => h.placedByRole)}::text[], ${holds.map((h) => h.placedAt)}::timestamptz[]
      ) WITH ORDINALITY AS h(id, type, code, reason, placed_by_sub, placed_by_role, placed_at, position)
      ORDER BY h.position
    ), first_history AS (
      INSERT INTO order_status_history (order_id, from_status, to_status, reason, at, actor_sub, actor_role)
      SELECT inserted.id, ${history.fromStatus}::text, ${history.toStatus}, ${history.reason}::text, ${history.at}::timestamptz, ${history.actorSub}, ${history.actorRole}
      FROM inserted
    ), pending AS (
      INSERT INTO pending_authorization (order_id, attempt, time_zone, final_action, created_at, sweep_after)
      SELECT inserted.id, 1, ${pending?.timeZone ?? null}::text, ${pending?.dunningFinalAction ?? null}::text, ${o.createdAt}::timestamptz, ${sweepAfter}::timestamptz
      FROM inserted WHERE ${pending !== null}::boolean
    )
    SELECT * FROM inserted`;
  return row ? toModel<SalesOrder>(row) : null;
}
