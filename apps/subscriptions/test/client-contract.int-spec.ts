import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { catalogProduct, http, monthly, resetSubscriptions, runJob, startReplica } from './support/subscriptions-test-kit';

type PreviewCycle = { cycleIndex: number; dueAt: string; overdue: boolean; skipped: boolean; skipReason: string | null };

/** What a client of the subscriptions API relies on: local dates, the schedule preview, paging, temporary refusals. */
describe('subscriptions: what clients rely on', () => {
  const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
  let app: INestApplication;
  let coffee: ProductChangedV1;

  beforeAll(async () => {
    app = await startReplica(clock);
    coffee = await catalogProduct(app);
  });
  beforeEach(async () => {
    clock.set(new Date('2026-01-01T00:00:00Z'));
    await resetSubscriptions(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  const create = (overrides: Record<string, unknown> = {}) => http(app).post('/subscriptions').send({
    customerId: 'cust-9', currency: 'EUR', timeZone: 'America/New_York', frequency: monthly, startDate: '2026-01-31',
    lines: [{ productId: coffee.productId, quantity: 1 }], ...overrides,
  });

  it('gives endDate back as the local date it was given, with the instant it ends at', async () => {
    const { body } = await create({ endDate: '2026-06-30' }).expect(201);
    expect(body).toMatchObject({ endDate: '2026-06-30', endsAt: '2026-07-01T03:59:59.999Z', timeZone: 'America/New_York' });
    expect((await http(app).get(`/subscriptions/${body.subscriptionId}`).expect(200)).body.endDate).toBe('2026-06-30');
  });

  it('previews the next N cycles from now, overdue unhandled ones first and flagged', async () => {
    const { body } = await create({ startDate: '2026-01-15', timeZone: 'UTC' }).expect(201);
    clock.set(new Date('2026-03-20T00:00:00Z')); // cycles of Jan 15, Feb 15 and Mar 15 came due; the job has not run
    const preview = await http(app).get(`/subscriptions/${body.subscriptionId}/schedule?next=5`).expect(200);
    expect(preview.body.cycles.map((c: PreviewCycle) => [c.cycleIndex, c.dueAt.slice(0, 10), c.overdue, c.skipped])).toEqual([
      [0, '2026-01-15', true, false], [1, '2026-02-15', true, false], [2, '2026-03-15', true, false],
      [3, '2026-04-15', false, false], [4, '2026-05-15', false, false],
    ]);
    await runJob(app);
    const after = await http(app).get(`/subscriptions/${body.subscriptionId}/schedule?next=2`).expect(200);
    expect(after.body.cycles.map((c: PreviewCycle) => [c.cycleIndex, c.overdue])).toEqual([[3, false], [4, false]]);
  });

  it('marks the overdue cycles the catch-up policy will skip', async () => {
    const { body } = await create({ startDate: '2026-01-15', timeZone: 'UTC', catchUpPolicy: 'latest-only' }).expect(201);
    clock.set(new Date('2026-03-20T00:00:00Z'));
    const preview = await http(app).get(`/subscriptions/${body.subscriptionId}/schedule?next=4`).expect(200);
    expect(preview.body.cycles.map((c: PreviewCycle) => [c.cycleIndex, c.overdue, c.skipped, c.skipReason])).toEqual([
      [0, true, true, 'missed'], [1, true, true, 'missed'], [2, true, false, null], [3, false, false, null],
    ]);
  });

  it('pages the handled cycles in the one list shape', async () => {
    const { body } = await create({ startDate: '2026-01-15', timeZone: 'UTC' }).expect(201);
    clock.set(new Date('2026-04-20T00:00:00Z'));
    expect((await runJob(app)).counts.emitted).toBe(4);
    const page = await http(app).get(`/subscriptions/${body.subscriptionId}/cycles?limit=2&offset=1`).expect(200);
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.items.map((c: { cycleIndex: number }) => c.cycleIndex)).toEqual([2, 1]);
    const bad = await http(app).get(`/subscriptions/${body.subscriptionId}/cycles?limit=0`).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    await http(app).get(`/subscriptions/${randomUUID()}/cycles`).expect(404);
  });

  it('refuses a product not known yet with 422 and Retry-After, and accepts it once its catalog event is consumed', async () => {
    const productId = randomUUID();
    const early = await create({ lines: [{ productId, quantity: 1 }] }).expect(422);
    expect(early.headers['retry-after']).toBe('5');
    expect(early.body.message).toMatch(/not known yet/);
    expect(early.body.errors).toEqual([{ field: 'lines.0.productId', messages: [expect.stringContaining(`product ${productId} is not known yet`)] }]);
    await catalogProduct(app, { productId });
    await create({ lines: [{ productId, quantity: 1 }] }).expect(201);
  });
});
