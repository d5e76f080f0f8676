import type { INestApplication } from '@nestjs/common';
import { prismaOf } from './orders-test-kit';

/** A scenario's subscriptions by label, and its other random ids (line ids, products, customers) with their labels. */
export interface LabelledScenario {
  subs: Record<string, string>;
  others: Array<[string, string]>;
}

/**
 * What the consumers left for a scenario's subscriptions (orders, lines, holds, history, pending authorizations,
 * events), with ids replaced by labels: orders by their subscription's, order numbers by their distance from the
 * run's first. Two runs of one
 * scenario on fresh ids compare equal when they wrote the same.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a labelled JSON copy, compared and inspected by the tests
export async function ordersLeft(app: INestApplication, { subs, others }: LabelledScenario): Promise<any> {
  const prisma = prismaOf(app);
  const orders = await prisma.salesOrder.findMany({ where: { subscriptionId: { in: Object.values(subs) } }, orderBy: { orderNumber: 'asc' } });
  const labelOfSub = new Map(Object.entries(subs).map(([name, id]) => [id, name]));
  const label = new Map(orders.map((order) => [order.id, labelOfSub.get(order.subscriptionId!)!]));
  // A number by its distance from the run's first (a number taken and not used shows as a gap).
  const numberOf = (orderNumber: string) => Number(orderNumber.slice('SO-'.length));
  const first = Math.min(...orders.map((order) => numberOf(order.orderNumber)));
  const numberLabel = (orderNumber: string, name: string) => `SO-${name}+${numberOf(orderNumber) - first}`;
  // Longest first: a line's label holds its subscription's id.
  const labels = [...others, ...[...label].flatMap(([id, name]) => [[id, name], [orders.find((o) => o.id === id)!.orderNumber, numberLabel(orders.find((o) => o.id === id)!.orderNumber, name)]]), ...labelOfSub];
  // Hold and payment ids are random per run (the hold rows are compared without theirs).
  const json = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (RANDOM.has(key) ? undefined : typeof v === 'bigint' ? `${v}n` : v));
  const shown = (value: unknown) => JSON.parse(labels.reduce((text, [id, name]) => text.replaceAll(id!, name!), json(value)));
  const ids = orders.map((order) => order.id);
  const lines = await prisma.orderLine.findMany({ where: { orderId: { in: ids } }, orderBy: [{ orderId: 'asc' }, { position: 'asc' }] });
  const holds = await prisma.orderHold.findMany({ where: { orderId: { in: ids } }, orderBy: { seq: 'asc' } });
  const history = await prisma.orderStatusHistory.findMany({ where: { orderId: { in: ids } }, orderBy: { id: 'asc' } });
  const pending = await prisma.pendingAuthorization.findMany({ where: { orderId: { in: ids } } });
  const outbox = await prisma.outboxEvent.findMany({ where: { messageKey: { in: ids } }, orderBy: { id: 'asc' } });
  const left = shown({
    orders: orders.map(({ id: _id, ...order }) => order),
    lines: lines.map(({ id: _id, ...line }) => line),
    holds: holds.map(({ id: _id, seq: _seq, ...hold }) => hold),
    history: history.map(({ id: _id, ...row }) => row),
    pending,
    events: outbox.map(({ messageKey, topic, payload }) => {
      const envelope = withoutEventIds(payload as Record<string, unknown>);
      const data = envelope['data'] as { lines?: Array<Record<string, unknown>> };
      return { messageKey, topic, ...envelope, data: { ...data, lines: data.lines?.map(({ lineId: _lineId, ...line }) => line) } };
    }),
  });
  // History and events per order, in order: an authorization asked after commit comes after the whole batch's rows.
  const byOrder = (key: string) => (a: Record<string, string>, b: Record<string, string>) => a[key]!.localeCompare(b[key]!);
  return {
    ...left, lines: left.lines.sort(byJson), pending: left.pending.sort(byJson),
    history: left.history.sort(byOrder('orderId')), events: left.events.sort(byOrder('messageKey')),
  };
}

/** An event as stored, without what differs per delivery (its id, time and the ids it was caused by). */
const withoutEventIds = ({ id: _id, time: _time, causationid: _causation, correlationid: _correlation, ...envelope }: Record<string, unknown>) => envelope;
const RANDOM = new Set(['holdId', 'paymentId', 'paymentMethodId', 'providerReference']);
const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
