import type { Prisma } from '../generated/prisma/client';
import { toSubscriptionResponse, type FullSubscription } from '../subscriptions/subscription.mapper';

/** What history compares: the API view plus the per-cycle changes, without bookkeeping fields. */
function historyView(subscription: FullSubscription, now: Date): Record<string, unknown> {
  const view: Partial<ReturnType<typeof toSubscriptionResponse>> = toSubscriptionResponse(subscription, now);
  delete view.createdAt;
  const cycleChanges = [...subscription.overrides]
    .sort((a, b) => a.cycleIndex - b.cycleIndex)
    .map((o) => ({
      cycleIndex: o.cycleIndex, action: o.action,
      ...(o.dueAt && { dueAt: o.dueAt.toISOString() }),
      ...(o.skippedLineIds.length > 0 && { skippedLineIds: o.skippedLineIds }),
    }));
  const segments = [...subscription.segments]
    .sort((a, b) => a.firstCycleIndex - b.firstCycleIndex)
    .map((s) => ({ firstCycleIndex: s.firstCycleIndex, frequency: { unit: s.unit, interval: s.interval }, anchor: s.anchorDate, time: s.anchorTime }));
  const lines = [...(view.lines ?? [])].sort((x, y) => x.lineId.localeCompare(y.lineId));
  return { ...view, lines, cycleChanges, segments };
}

/** The fields whose value differs between two states of a subscription, with their values before and after. */
export function changedFields(before: FullSubscription, after: FullSubscription, now: Date): { before: Prisma.InputJsonObject; after: Prisma.InputJsonObject } {
  const a = historyView(before, now);
  const b = historyView(after, now);
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    diff.before[key] = a[key] ?? null;
    diff.after[key] = b[key] ?? null;
  }
  return diff as { before: Prisma.InputJsonObject; after: Prisma.InputJsonObject };
}
