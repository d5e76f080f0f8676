import type { SqlClient } from '@oms/outbox';
import { Prisma, type CycleOverride, type ScheduleSegment, type Subscription, type SubscriptionLine } from '../generated/prisma/client';
import type { FullSubscription } from '../subscriptions/subscription.mapper';

/** How long the run's last pass waits for due rows another transaction holds. */
export const LOCKED_ROW_WAIT = '5s';

/**
 * The part of the due subscriptions a claim may take: lane `lane` of `lanes` equal ranges of ids (random
 * uuids spread evenly). A run's parallel lanes take disjoint parts, so one lane never claims a row another
 * lane of the same run has just released unchanged (a failed or idle subscription that run excludes from
 * then on). Ranges, not a hash of the id: the planner estimates a range from the id's statistics, while a
 * hash's 1-in-200 default estimate made it sort every due row instead of reading one batch off the index.
 */
export interface ClaimShare {
  lane: number;
  lanes: number;
}

/** Every due subscription: one lane. */
export const WHOLE: ClaimShare = { lane: 0, lanes: 1 };

export interface ClaimOptions {
  /** Subscriptions this run must not claim again (failed, or nothing to do). */
  exclude: string[];
  /** Wait for due rows another transaction holds (up to LOCKED_ROW_WAIT) instead of skipping them. */
  waitForLocked?: boolean;
  share?: ClaimShare;
}

// Every field of each model, mapped to its column: the compiler refuses a field added to the schema
// and forgotten here, so this statement always loads what `include: FULL_SUBSCRIPTION` would.
const SUBSCRIPTION: Record<keyof Subscription, string> = {
  id: 'id', customerId: 'customer_id', customerEmail: 'customer_email', customerName: 'customer_name', channel: 'channel',
  createdBy: 'created_by', externalRef: 'external_ref', status: 'status', currency: 'currency', timeZone: 'time_zone',
  startDate: 'start_date', endDate: 'end_date', maxCycles: 'max_cycles', catchUpPolicy: 'catch_up_policy',
  outOfStockPolicy: 'out_of_stock_policy', dunningFinalAction: 'dunning_final_action', currentCycle: 'current_cycle',
  lastOrderedAt: 'last_ordered_at', lastHandledCycle: 'last_handled_cycle', nextDueAt: 'next_due_at',
  assumedReturnDate: 'assumed_return_date', endRequestedAt: 'end_requested_at', shipTo: 'ship_to', pausedFrom: 'paused_from',
  resumeAt: 'resume_at', cancelAtCycle: 'cancel_at_cycle', programId: 'program_id', programTerms: 'program_terms',
  programStepsOrdered: 'program_steps_ordered', createdAt: 'created_at', updatedAt: 'updated_at',
};
const LINE: Record<keyof SubscriptionLine, string> = { id: 'id', subscriptionId: 'subscription_id', productId: 'product_id', sku: 'sku', quantity: 'quantity' };
const SEGMENT: Record<keyof ScheduleSegment, string> = {
  subscriptionId: 'subscription_id', firstCycleIndex: 'first_cycle_index', effectiveFrom: 'effective_from', unit: 'unit',
  interval: 'interval', anchorDate: 'anchor_date', anchorTime: 'anchor_time', anchorDayOfMonth: 'anchor_day_of_month', timeZone: 'time_zone',
};
const OVERRIDE: Record<keyof CycleOverride, string> = {
  subscriptionId: 'subscription_id', cycleIndex: 'cycle_index', action: 'action', dueAt: 'due_at', skippedLineIds: 'skipped_line_ids', createdAt: 'created_at',
};

const selectList = (alias: string, fields: Record<string, string>) =>
  Object.entries(fields).map(([field, column]) => `${alias}.${column} AS "${field}"`).join(', ');

/**
 * The rows of a child table of the claimed subscriptions as one JSON array per subscription, in
 * `order`: one grouped scan for the whole batch, its rows fetched by index through `= ANY` of the
 * claimed ids (a correlated subquery per subscription and table cost three index probes and
 * aggregates per row, 1,500 per batch of 500).
 */
const childArrays = (name: string, table: string, fields: Record<string, string>, order: string) => `${name} AS (
    SELECT t.subscription_id, json_agg(json_build_object(${Object.entries(fields).map(([field, column]) => `'${field}', t.${column}`).join(', ')}) ORDER BY t.${order}) AS items
    FROM ${table} t WHERE t.subscription_id = ANY((SELECT ids FROM claimed_ids)::uuid[]) GROUP BY t.subscription_id)`;

// One statement instead of a claim and Prisma's findMany with three includes: the batch's scan was
// Prisma compiling and assembling that query (a third of the job's CPU) and its four round trips.
const LOAD = Prisma.raw(`, claimed_ids AS (SELECT array_agg(id) AS ids FROM claimed),
  ${childArrays('lines', 'subscription_line', LINE, 'id')},
  ${childArrays('segments', 'schedule_segment', SEGMENT, 'first_cycle_index')},
  ${childArrays('overrides', 'cycle_override', OVERRIDE, 'cycle_index')}
  SELECT ${selectList('c', SUBSCRIPTION)},
  COALESCE(l.items, '[]'::json) AS lines, COALESCE(g.items, '[]'::json) AS segments, COALESCE(o.items, '[]'::json) AS overrides
  FROM claimed c
  LEFT JOIN lines l ON l.subscription_id = c.id
  LEFT JOIN segments g ON g.subscription_id = c.id
  LEFT JOIN overrides o ON o.subscription_id = c.id
  ORDER BY c.next_due_at, c.id`);

type Loaded = Omit<FullSubscription, 'segments' | 'overrides'> & {
  segments: Array<Omit<ScheduleSegment, 'effectiveFrom'> & { effectiveFrom: string }>;
  overrides: Array<Omit<CycleOverride, 'dueAt' | 'createdAt'> & { dueAt: string | null; createdAt: string }>;
};

/**
 * Claims up to `size` active or paused subscriptions whose next cycle is due, oldest first, locking
 * them for the batch's transaction, and loads each with its lines (by id), schedule segments and cycle
 * overrides, from `share` of them only. By default rows another transaction holds
 * are skipped (SKIP LOCKED: concurrent runs and replicas take different rows); with `waitForLocked` they
 * are waited for, up to LOCKED_ROW_WAIT, after which PostgreSQL raises a lock timeout.
 */
/** The SQL condition of `share`: the id between the lane's bounds (the first 8 hex digits split evenly). */
export function shareCondition({ lane, lanes }: ClaimShare): Prisma.Sql {
  const bound = (i: number) => `${Math.floor((i * 0x100000000) / lanes).toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
  const lower = lane === 0 ? Prisma.empty : Prisma.sql`AND id >= ${bound(lane)}::uuid`;
  const upper = lane === lanes - 1 ? Prisma.empty : Prisma.sql`AND id < ${bound(lane + 1)}::uuid`;
  return Prisma.sql`${lower} ${upper}`;
}

export async function claimDue(tx: SqlClient, asOf: Date, size: number, options: ClaimOptions): Promise<FullSubscription[]> {
  const { exclude, waitForLocked = false, share = WHOLE } = options;
  if (waitForLocked) await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCKED_ROW_WAIT}'`);
  const lock = waitForLocked ? Prisma.sql`FOR UPDATE` : Prisma.sql`FOR UPDATE SKIP LOCKED`;
  const rows = await tx.$queryRaw<Loaded[]>`
    WITH claimed AS (
      SELECT * FROM subscription
      WHERE status IN ('active', 'paused') AND next_due_at <= ${asOf} AND NOT (id = ANY(${exclude}::uuid[]))
        ${shareCondition(share)}
      ORDER BY next_due_at, id
      LIMIT ${size}
      ${lock})
    ${LOAD}`;
  // The wait is for the claim only: the batch's later statements (the run's counts, which another lane's commit may
  // hold for a moment) must not fail as "due rows stayed locked".
  if (waitForLocked) await tx.$executeRawUnsafe('SET LOCAL lock_timeout = DEFAULT');
  // JSON carries timestamps as text: back to the Dates Prisma's models have.
  return rows.map((row) => ({
    ...row,
    segments: row.segments.map((segment) => ({ ...segment, effectiveFrom: new Date(segment.effectiveFrom) })),
    overrides: row.overrides.map((override) => ({ ...override, dueAt: override.dueAt === null ? null : new Date(override.dueAt), createdAt: new Date(override.createdAt) })),
  }));
}
