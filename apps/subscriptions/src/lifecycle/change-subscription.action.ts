import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventTypes, type FrequencyV1, type ShipToV1, type SubscriptionChangeField } from '@oms/contracts';
import { changeSchedule, cycleAt, ScheduleError, type FrequencyUnit, type Schedule } from '@oms/scheduling';
import type { Prisma } from '../generated/prisma/client';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import { currentSegment, scheduleOf } from '../subscriptions/subscription.schedule';
import { SubscriptionLinesValidator } from '../subscriptions/subscription-lines.validator';
import { ActionRejectedError } from './lifecycle.errors';
import { localDateOf } from './local-date';
import { assertChangeable } from './pause-subscription.action';
import { rekeyOverrides } from './schedule-rekey';
import { refreshNextDue } from './schedule-state';
import type { SubscriptionAction } from './subscription-action.runner';

export interface ChangeRequest {
  frequency?: FrequencyV1;
  anchorDate?: string;
  deliveryTime?: string;
  lines?: { lineId?: string; productId: string; quantity: number }[];
  shipTo?: ShipToV1;
  customerEmail?: string;
  outOfStockPolicy?: string;
  dunningFinalAction?: string;
}

/**
 * PATCH /subscriptions/{id}: every change applies from the next cycle not yet
 * ordered. A frequency or anchor change is a new schedule segment from that cycle
 * (cycle numbers continue; skips and reschedules follow their dates).
 */
@Injectable()
export class ChangeSubscriptionActions {
  constructor(private readonly lines: SubscriptionLinesValidator) {}

  change(request: ChangeRequest): SubscriptionAction {
    return {
      name: 'change',
      apply: async (tx, subscription, now) => {
        assertChangeable(subscription, 'change');
        if (subscription.programId && (request.lines || request.frequency)) {
          // The items and the interval of an enrolment are the program's: each cycle ships its step.
          throw new ActionRejectedError(request.lines ? 'lines' : 'frequency', 'a continuity program enrolment takes its lines and interval from the program; change the date, time, address or policies');
        }
        const changed: SubscriptionChangeField[] = [];
        const next = subscription.lastHandledCycle + 1;
        const segment = currentSegment(subscription);
        const frequency = request.frequency ?? { unit: segment.unit as FrequencyUnit, interval: segment.interval };
        if (request.frequency || request.lines) {
          const wanted = request.lines ?? subscription.lines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
          await this.lines.validate(wanted, frequency, subscription.currency);
        }
        if (request.frequency || request.anchorDate || request.deliveryTime) {
          await applySchedule(tx, subscription, request, frequency, next, now);
          changed.push(...(request.frequency ? (['frequency'] as const) : []), ...(request.anchorDate || request.deliveryTime ? (['anchor'] as const) : []));
        }
        if (request.lines) {
          await applyLines(tx, subscription, request.lines);
          changed.push('lines');
        }
        const simple = {
          ...(request.shipTo && { shipTo: { ...request.shipTo } as unknown as Prisma.InputJsonObject }),
          ...(request.customerEmail && { customerEmail: request.customerEmail }),
          ...(request.outOfStockPolicy && { outOfStockPolicy: request.outOfStockPolicy }),
          ...(request.dunningFinalAction && { dunningFinalAction: request.dunningFinalAction }),
        };
        changed.push(...(Object.keys(simple) as SubscriptionChangeField[]));
        if (changed.length === 0) throw new ActionRejectedError('body', 'nothing to change: give frequency, anchorDate, deliveryTime, lines, shipTo, customerEmail, outOfStockPolicy or dunningFinalAction');
        if (Object.keys(simple).length > 0) await tx.subscription.update({ where: { id: subscription.id }, data: simple });
        await refreshNextDue(tx, subscription.id);
        return { type: EventTypes.subscriptionChanged, facts: { changedFields: changed, fromCycleIndex: next } };
      },
    };
  }
}

async function applySchedule(tx: Prisma.TransactionClient, subscription: FullSubscription, request: ChangeRequest, frequency: FrequencyV1, next: number, now: Date): Promise<void> {
  const zone = subscription.timeZone;
  const before = scheduleOf(subscription);
  const plain: Schedule = { ...before, overrides: [] };
  const upcoming = cycleAt(plain, next);
  if (!upcoming) throw new ActionRejectedError('frequency', 'the subscription has no cycle left to change');
  const time = request.deliveryTime ?? currentSegment(subscription).anchorTime;
  const date = request.anchorDate ?? (request.deliveryTime ? localDateOf(upcoming.dueAt, zone) : undefined);
  if (request.anchorDate && request.anchorDate <= localDateOf(now, zone)) throw new ActionRejectedError('anchorDate', `anchorDate ${request.anchorDate} must be a future date in ${zone}`);
  const effectiveFrom = new Date(Math.min(now.getTime(), upcoming.dueAt.getTime())).toISOString();
  let after: Schedule;
  try {
    after = changeSchedule(plain, { effectiveFrom, frequency, ...(date && { anchor: { date, time } }) }, next);
  } catch (error) {
    if (error instanceof ScheduleError) throw new ActionRejectedError(request.anchorDate ? 'anchorDate' : 'frequency', error.message);
    throw error;
  }
  const overrides = rekeyOverrides(subscription.overrides, before, after, next, zone);
  await tx.scheduleSegment.deleteMany({ where: { subscriptionId: subscription.id, firstCycleIndex: { gte: next } } });
  await tx.scheduleSegment.createMany({
    data: after.segments.filter((s) => s.firstCycleIndex >= next).map((s) => ({
      subscriptionId: subscription.id, firstCycleIndex: s.firstCycleIndex, effectiveFrom: new Date(s.effectiveFrom), unit: s.frequency.unit, interval: s.frequency.interval,
      anchorDate: s.anchor.date, anchorTime: s.anchor.time, anchorDayOfMonth: s.anchor.dayOfMonth ?? null, timeZone: s.timeZone,
    })),
  });
  await tx.cycleOverride.deleteMany({ where: { subscriptionId: subscription.id, cycleIndex: { gte: next } } });
  const moved = overrides.filter((o) => o.cycleIndex >= next);
  if (moved.length > 0) {
    await tx.cycleOverride.createMany({
      data: moved.map((o) => ({ subscriptionId: o.subscriptionId, cycleIndex: o.cycleIndex, action: o.action, dueAt: o.dueAt, skippedLineIds: o.skippedLineIds })),
    });
  }
}

async function applyLines(tx: Prisma.TransactionClient, subscription: FullSubscription, lines: NonNullable<ChangeRequest['lines']>): Promise<void> {
  const existing = new Map(subscription.lines.map((line) => [line.id, line]));
  lines.forEach((line, i) => {
    if (line.lineId && !existing.has(line.lineId)) throw new ActionRejectedError(`lines.${i}.lineId`, `line ${line.lineId} is not a line of this subscription`);
  });
  const products = await tx.catalogProduct.findMany({ where: { productId: { in: lines.map((l) => l.productId) } } });
  const skuOf = new Map(products.map((p) => [p.productId, p.sku]));
  const keptIds = new Set(lines.flatMap((l) => (l.lineId ? [l.lineId] : [])));
  const removed = subscription.lines.filter((line) => !keptIds.has(line.id)).map((line) => line.id);
  await tx.subscriptionLine.deleteMany({ where: { id: { in: removed } } });
  for (const line of lines) {
    const data = { productId: line.productId, sku: skuOf.get(line.productId)!, quantity: line.quantity };
    if (line.lineId) await tx.subscriptionLine.update({ where: { id: line.lineId }, data });
    else await tx.subscriptionLine.create({ data: { id: randomUUID(), subscriptionId: subscription.id, ...data } });
  }
  // A line skip of a removed line means nothing any more.
  for (const override of subscription.overrides.filter((o) => o.skippedLineIds.some((id) => removed.includes(id)))) {
    const skippedLineIds = override.skippedLineIds.filter((id) => !removed.includes(id));
    const where = { subscriptionId_cycleIndex: { subscriptionId: subscription.id, cycleIndex: override.cycleIndex } };
    if (skippedLineIds.length === 0 && override.action === 'lines') await tx.cycleOverride.delete({ where });
    else await tx.cycleOverride.update({ where, data: { skippedLineIds } });
  }
}
