import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type OrderDueV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs } from '@oms/testing';
import type { PrismaService } from '../src/database/prisma.service';
import { catalogProduct, http, monthly, resetSubscriptions, runJob, startReplica } from './support/subscriptions-test-kit';

describe('subscription-order job', () => {
  const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;
  let events: EventCollector;

  beforeAll(async () => {
    events = await EventCollector.start([Topics.orderDue]);
    app = await startReplica(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    await resetSubscriptions(app);
    clock.set(new Date('2026-01-01T00:00:00Z'));
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const create = async (overrides: Record<string, unknown> = {}) => {
    const body = { customerId: 'cust-9', customerEmail: 'ops@example.com', currency: 'EUR', timeZone: 'UTC', frequency: monthly, startDate: '2026-01-15', lines: [{ productId: coffee.productId, quantity: 1 }], ...overrides };
    return (await http(app).post('/subscriptions').send(body).expect(201)).body.subscriptionId as string;
  };
  const dueEventsOf = (subscriptionId: string, count: number) =>
    events.waitFor((e) => e.type === EventTypes.orderDue && (e.data as OrderDueV1).subscriptionId === subscriptionId, count);

  it('after a three-month outage emits the three missed cycles once, in cycle order', async () => {
    const id = await create();
    clock.set(new Date('2026-03-20T00:00:00Z')); // Jan 15, Feb 15 and Mar 15 have come due
    const run = await runJob(app);
    expect(run).toMatchObject({ status: 'succeeded', counts: { scanned: 1, due: 3, emitted: 3, skipped: 0, failed: 0 } });
    expect((await runJob(app)).counts.emitted).toBe(0); // nothing twice
    const due = await dueEventsOf(id, 3);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late duplicate would show up here
    const mine = events.events.filter((e) => (e.data as OrderDueV1).subscriptionId === id);
    expect(mine).toHaveLength(3);
    expect(due.map((e) => (e.data as OrderDueV1).cycleKey)).toEqual([0, 1, 2].map((n) => `sub:${id}:cycle:${n}`));
    expect((due[0]!.data as OrderDueV1).lines[0]).toMatchObject({ productId: coffee.productId, quantity: 1 });
    // Each event says when the following cycle is due (renewal reminders) and what to do if stock is short.
    expect(due[0]!.data).toMatchObject({ nextDueAt: '2026-02-15T09:00:00.000Z', outOfStockPolicy: 'backorder', customerEmail: 'ops@example.com' });
  });

  it('applies the catch-up policy: latest-only emits one cycle and records the missed ones', async () => {
    const id = await create({ catchUpPolicy: 'latest-only' });
    clock.set(new Date('2026-03-20T00:00:00Z'));
    const run = await runJob(app);
    expect(run.counts).toMatchObject({ due: 3, emitted: 1, skipped: 2 });
    const detail = await http(app).get(`/jobs/subscription-orders/runs/${run.runId}`).expect(200);
    expect(detail.body.records.items.map((r: { cycleIndex: number; outcome: string; detail: string | null }) => [r.cycleIndex, r.outcome, r.detail]))
      .toEqual([[0, 'skipped', 'missed'], [1, 'skipped', 'missed'], [2, 'emitted', null]]);
    const [due] = await dueEventsOf(id, 1);
    expect((due!.data as OrderDueV1).cycleIndex).toBe(2);
  });

  it('runs a two-year monthly subscription cycle by cycle: 24 orders, then the subscription ends', async () => {
    const id = await create({ maxCycles: 24 });
    for (let month = 0; month < 25; month += 1) {
      clock.set(new Date(Date.UTC(2026, month, 20)));
      await runJob(app);
    }
    const due = await dueEventsOf(id, 24);
    expect(due.map((e) => (e.data as OrderDueV1).cycleIndex)).toEqual([...Array(24).keys()]);
    const subscription = await http(app).get(`/subscriptions/${id}`).expect(200);
    expect(subscription.body).toMatchObject({ status: 'ended', nextDueAt: null });
    const history = (await http(app).get(`/subscriptions/${id}/history`).expect(200)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'end', actor: { sub: 'system:subscriptions', role: 'system' }, before: { status: 'active' }, after: { status: 'ended' } });
  });

  it('never emits a cycle twice when two replicas run the job at the same time', async () => {
    const ids = await Promise.all(Array.from({ length: 60 }, () => create()));
    clock.set(new Date('2026-02-20T00:00:00Z')); // two cycles due for each
    const second = await startReplica(clock, true);
    try {
      const runs = await Promise.all([runJob(app), runJob(second), runJob(app), runJob(second)]);
      expect(runs.reduce((sum, run) => sum + run.counts.emitted, 0)).toBe(120);
      const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
      expect(await prisma.subscriptionCycle.count()).toBe(120);
      const keys = (await events.waitFor((e) => ids.includes((e.data as OrderDueV1).subscriptionId), 120)).map((e) => (e.data as OrderDueV1).cycleKey);
      expect(new Set(keys).size).toBe(120);
    } finally {
      await second.close();
    }
  });

  it('names who created, switched and ran in the history, setting and job-log rows and on the events; due cycles are the system\'s', async () => {
    const published = await EventCollector.start([Topics.subscriptionLifecycle, Topics.jobRun]);
    try {
      const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
      await httpAs(app, 'admin', 'admin-9').put('/settings/subscription-orders').send({ enabled: true }).expect(200);
      const [switched] = await prisma.settingChange.findMany({ where: { key: 'subscription-orders-enabled' }, orderBy: { id: 'desc' }, take: 1 });
      expect(switched).toMatchObject({ value: true, actorSub: 'admin-9', actorRole: 'admin' });

      const body = { customerId: 'cust-9', currency: 'EUR', timeZone: 'UTC', frequency: monthly, startDate: '2026-01-15', lines: [{ productId: coffee.productId, quantity: 1 }] };
      const id = (await httpAs(app, 'csr', 'csr-2').post('/subscriptions').send(body).expect(201)).body.subscriptionId as string;
      const history = await prisma.subscriptionHistory.findMany({ where: { subscriptionId: id } });
      expect(history).toEqual([expect.objectContaining({ action: 'create', actorSub: 'csr-2', actorRole: 'csr' })]);
      const [created] = await published.waitFor((e) => e.type === EventTypes.subscriptionCreated && e.subject === id);
      expect([created!.actorsub, created!.actorrole, created!.id]).toEqual(['csr-2', 'csr', history[0]!.eventId]);

      clock.set(new Date('2026-01-20T00:00:00Z'));
      const run = await httpAs(app, 'ops', 'ops-1').post('/jobs/subscription-orders/runs?wait=true').expect(201);
      expect(run.body).toMatchObject({ status: 'succeeded', startedBy: { sub: 'ops-1', role: 'ops' } });
      expect(await prisma.jobRun.findUniqueOrThrow({ where: { id: run.body.runId } })).toMatchObject({ actorSub: 'ops-1', actorRole: 'ops' });
      const [finished] = await published.waitFor((e) => e.type === EventTypes.jobRunFinished && e.subject === run.body.runId);
      expect([finished!.actorsub, finished!.actorrole]).toEqual(['ops-1', 'ops']);
      const [due] = await dueEventsOf(id, 1);
      expect([due!.actorsub, due!.actorrole]).toEqual(['system:subscriptions', 'system']);
    } finally {
      await published.stop();
    }
  });

  it('logs a manual run with its counts and lists it in the job log', async () => {
    await create();
    await create({ startDate: '2026-06-01' });
    clock.set(new Date('2026-01-16T00:00:00Z'));
    const started = await http(app).post('/jobs/subscription-orders/runs').expect(202);
    expect(started.body).toMatchObject({ trigger: 'manual', status: 'running' });
    let run = started.body;
    for (let i = 0; i < 100 && run.status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await http(app).get(`/jobs/subscription-orders/runs/${started.body.runId}`).expect(200)).body;
    }
    expect(run).toMatchObject({ status: 'succeeded', counts: { scanned: 1, due: 1, emitted: 1, skipped: 0, failed: 0 } });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const log = await http(app).get('/jobs/subscription-orders/runs?limit=5').expect(200);
    expect(log.body.items[0].runId).toBe(run.runId);
  });

  it('counts each subscription once per run in scanned, even when it is so far behind that it takes several batches', async () => {
    await Promise.all([create(), create()]);
    clock.set(new Date('2035-01-20T00:00:00Z')); // 109 monthly cycles each (2026-01-15 to 2035-01-15), more than one batch takes
    const run = await runJob(app);
    expect(run).toMatchObject({ status: 'succeeded', counts: { scanned: 2, due: 218, emitted: 218, skipped: 0, failed: 0 } });
  });

  it('waits for a due subscription another transaction holds (a consumer recording its order) instead of leaving it to the next run', async () => {
    const id = await create();
    clock.set(new Date('2026-01-16T00:00:00Z'));
    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((resolve) => { locked = resolve; });
    const consumer = prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM subscription WHERE id = ${id}::uuid FOR UPDATE`;
      locked();
      await held;
    });
    await isLocked;
    const run = runJob(app);
    setTimeout(release, 700);
    expect(await run).toMatchObject({ status: 'succeeded', counts: { scanned: 1, due: 1, emitted: 1 } });
    await consumer;
    await dueEventsOf(id, 1);
  });

  it('records a failed subscription with its error, and a re-run handles it once repaired', async () => {
    const healthy = await create();
    const broken = await create();
    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    await prisma.$executeRaw`UPDATE schedule_segment SET time_zone = 'Mars/Olympus' WHERE subscription_id = ${broken}::uuid`;
    clock.set(new Date('2026-01-16T00:00:00Z'));
    const failedRun = await runJob(app);
    expect(failedRun).toMatchObject({ status: 'partially-failed', counts: { emitted: 1, failed: 1 } });
    const detail = await http(app).get(`/jobs/subscription-orders/runs/${failedRun.runId}`).expect(200);
    const failure = detail.body.records.items.find((r: { outcome: string }) => r.outcome === 'failed');
    expect(failure).toMatchObject({ subscriptionId: broken, cycleIndex: 0 });
    expect(failure.detail).toMatch(/Mars\/Olympus/);

    await prisma.$executeRaw`UPDATE schedule_segment SET time_zone = 'UTC' WHERE subscription_id = ${broken}::uuid`;
    // Two re-run requests at once (a double click, two operators) start one run; the other is refused naming it.
    const [a, b] = await Promise.all([1, 2].map(() => http(app).post(`/jobs/subscription-orders/runs/${failedRun.runId}/rerun?wait=true`)));
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    const rerun = a!.status === 201 ? a! : b!;
    const refused = a!.status === 409 ? a! : b!;
    expect(rerun.body).toMatchObject({ trigger: 'rerun', rerunOf: failedRun.runId, status: 'succeeded', counts: { emitted: 1, failed: 0 } });
    expect(refused.body.message).toContain(rerun.body.runId);
    // The failed run's log entry links to the run that repaired it, and cannot be re-run again.
    expect((await http(app).get(`/jobs/subscription-orders/runs/${failedRun.runId}`).expect(200)).body.rerunBy).toBe(rerun.body.runId);
    const log = await http(app).get('/jobs/subscription-orders/runs?limit=5').expect(200);
    expect(log.body.items.find((r: { runId: string }) => r.runId === failedRun.runId).rerunBy).toBe(rerun.body.runId);
    const again = await http(app).post(`/jobs/subscription-orders/runs/${failedRun.runId}/rerun`).expect(409);
    expect(again.body.message).toBe(`run ${failedRun.runId} was re-run successfully by run ${rerun.body.runId}; re-run that run if it fails`);
    await http(app).post(`/jobs/subscription-orders/runs/${rerun.body.runId}/rerun`).expect(409);
    await dueEventsOf(broken, 1);
    await dueEventsOf(healthy, 1);
  });

  it('records a subscription with no schedule segment as failed with that reason, and the rest of the run goes on', async () => {
    const healthy = await create();
    const broken = await create();
    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    await prisma.$executeRaw`DELETE FROM schedule_segment WHERE subscription_id = ${broken}::uuid`; // rows written around the API
    clock.set(new Date('2026-01-16T00:00:00Z'));
    const run = await runJob(app);
    expect(run).toMatchObject({ status: 'partially-failed', counts: { emitted: 1, failed: 1 } });
    const detail = await http(app).get(`/jobs/subscription-orders/runs/${run.runId}`).expect(200);
    const failure = detail.body.records.items.find((r: { outcome: string }) => r.outcome === 'failed');
    expect(failure).toMatchObject({ subscriptionId: broken });
    expect(failure.detail).toBe(`invalid schedule: subscription ${broken} has no schedule segment`);
    await dueEventsOf(healthy, 1);
  });

  it('claims a due subscription with exactly what Prisma would load: every field, lines by id, segments and overrides', async () => {
    const shipTo = { name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };
    const tea = await catalogProduct(app);
    const id = await create({ shipTo, lines: [{ productId: coffee.productId, quantity: 1 }, { productId: tea.productId, quantity: 2 }] });
    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    await prisma.$executeRaw`INSERT INTO schedule_segment (subscription_id, first_cycle_index, effective_from, unit, interval, anchor_date, anchor_time, anchor_day_of_month, time_zone)
      VALUES (${id}::uuid, 3, '2026-04-01T00:00:00Z', 'month', 3, '2026-04-30', '08:30', 31, 'Europe/Amsterdam')`;
    await prisma.$executeRaw`INSERT INTO cycle_override (subscription_id, cycle_index, action, due_at, skipped_line_ids)
      VALUES (${id}::uuid, 2, 'reschedule', '2026-03-20T09:00:00Z', ARRAY['a', 'b']), (${id}::uuid, 1, 'skip', NULL, '{}')`;
    const { claimDue } = await import('../src/job/due-claim.sql');
    const { BatchDatabase } = await import('../src/job/batch-database');
    const { FULL_SUBSCRIPTION } = await import('../src/lifecycle/subscription-action.runner');
    // On the job's own pg connection, as the job claims.
    const claimed = await app.get(BatchDatabase).transaction((tx) => claimDue(tx, new Date('2026-01-16T00:00:00Z'), 10, { exclude: [] }));
    const expected = await prisma.subscription.findUniqueOrThrow({ where: { id }, include: FULL_SUBSCRIPTION });
    expect(claimed).toHaveLength(1);
    const sorted = { ...expected, segments: [...expected.segments].sort((a, b) => a.firstCycleIndex - b.firstCycleIndex), overrides: [...expected.overrides].sort((a, b) => a.cycleIndex - b.cycleIndex) };
    expect(claimed[0]).toStrictEqual(sorted);
    expect(claimed[0]!.segments[1]!.effectiveFrom).toBeInstanceOf(Date);
  });

  it('fails only the subscription whose write conflicts, and the rest of its batch still goes out', async () => {
    const healthy = await Promise.all([create(), create(), create()]);
    const conflicting = await create();
    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    // A ledger row the watermark does not know about: writing cycle 0 again must fail, never double it.
    await prisma.$executeRaw`INSERT INTO subscription_cycle (subscription_id, cycle_index, cycle_key, due_at, status)
      VALUES (${conflicting}::uuid, 0, ${`sub:${conflicting}:cycle:0`}, now(), 'emitted')`;
    clock.set(new Date('2026-01-16T00:00:00Z'));
    const run = await runJob(app);
    expect(run).toMatchObject({ status: 'partially-failed', counts: { emitted: 3, failed: 1 } });
    const detail = await http(app).get(`/jobs/subscription-orders/runs/${run.runId}`).expect(200);
    const failure = detail.body.records.items.find((r: { outcome: string }) => r.outcome === 'failed');
    expect(failure).toMatchObject({ subscriptionId: conflicting, cycleIndex: 0 });
    expect(failure.detail).toMatch(/duplicate key|unique/i);
    for (const id of healthy) await dueEventsOf(id, 1);
    expect((await runJob(app)).counts).toMatchObject({ emitted: 0, failed: 1 }); // still refused, still alone
  });
});
