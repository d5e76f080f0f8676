import type { INestApplication } from '@nestjs/common';
import { EventTypes, Topics, type OrderDueV1, type ProductChangedV1 } from '@oms/contracts';
import { ControllableClock } from '@oms/service-runtime';
import { EventCollector, httpAs } from '@oms/testing';
import type { PrismaService } from '../src/database/prisma.service';
import { act, dueOf, ledgerOf, runJobOn } from './support/lifecycle-test-kit';
import { catalogProduct, http, monthly, resetSubscriptions, startReplica } from './support/subscriptions-test-kit';

describe('continuity programs: a defined series of shipments', () => {
  const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
  let app: INestApplication;
  let events: EventCollector;
  let [light, medium, dark, retired, bike]: ProductChangedV1[] = [];

  beforeAll(async () => {
    events = await EventCollector.start([Topics.orderDue, Topics.subscriptionLifecycle]);
    app = await startReplica(clock);
    // Program items need not be subscribable nor allow the program's interval: the program sets both.
    light = await catalogProduct(app, { name: 'Light roast', subscribable: false, allowedFrequencies: [] });
    medium = await catalogProduct(app, { name: 'Medium roast' });
    dark = await catalogProduct(app, { name: 'Dark roast' });
    retired = await catalogProduct(app, { name: 'Old roast', status: 'retired' });
    bike = await catalogProduct(app, { name: 'City bike', type: 'rental' });
  });
  beforeEach(async () => {
    clock.set(new Date('2026-01-01T00:00:00Z'));
    await resetSubscriptions(app);
    const prisma = app.get<PrismaService>((await import('../src/database/prisma.service')).PrismaService);
    await prisma.$executeRaw`TRUNCATE continuity_program CASCADE`;
  });
  afterAll(async () => {
    await app?.close();
    await events?.stop();
  });

  const line = (product: ProductChangedV1, unitPriceMinor: number, quantity = 1) => ({ productId: product.productId, quantity, unitPriceMinor });
  const program = (overrides: Record<string, unknown> = {}) => ({
    name: 'Three origins', currency: 'EUR', frequency: monthly,
    steps: [{ lines: [line(light, 499)] }, { lines: [line(medium, 1499)] }, { lines: [line(dark, 1599, 2)] }], ...overrides,
  });
  const define = async (overrides: Record<string, unknown> = {}) => (await http(app).post('/continuity-programs').send(program(overrides)).expect(201)).body;
  // Monthly on the 15th at 09:00 UTC: cycle n is due on the 15th of month n+1.
  const enrol = async (programId: string, role: 'csr' | 'channel' = 'csr') =>
    (await httpAs(app, role).post(`/continuity-programs/${programId}/enrolments`).send({ customerId: 'cust-1', customerEmail: 'ann@example.com', startDate: '2026-01-15' }).expect(201)).body;
  const shipped = (id: string) => dueOf(events, id).map((due) => [due.cycleIndex, due.continuity?.step, due.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor])]);

  it('is defined by an admin, read by anyone signed in, and every change is logged with its actor; enrolments keep their version', async () => {
    const created = await define();
    expect(created).toMatchObject({
      name: 'Three origins', currency: 'EUR', frequency: { unit: 'month', interval: 1, label: 'Monthly' }, afterLast: 'end', status: 'active', version: 1,
      steps: [{ step: 1, totalMinor: 499, lines: [{ sku: light.sku, unitPriceMinor: 499 }] }, { step: 2 }, { step: 3, totalMinor: 3198 }],
    });
    await httpAs(app, 'csr').post('/continuity-programs').send(program()).expect(403);
    expect((await httpAs(app, 'customer', 'cust-1').get(`/continuity-programs/${created.programId}`).expect(200)).body.version).toBe(1);
    expect((await httpAs(app, 'channel').get('/continuity-programs?status=active').expect(200)).body.total).toBe(1);
    const enrolled = await enrol(created.programId);
    const changed = await http(app).patch(`/continuity-programs/${created.programId}`).send({ steps: [{ lines: [line(dark, 999)] }], afterLast: 'repeat-last' }).expect(200);
    expect(changed.body).toMatchObject({ version: 2, afterLast: 'repeat-last', steps: [{ step: 1, lines: [{ sku: dark.sku }] }] });
    await http(app).patch(`/continuity-programs/${created.programId}`).send({}).expect(422);
    const changes = (await httpAs(app, 'ops').get(`/continuity-programs/${created.programId}/changes`).expect(200)).body.items;
    expect(changes.map((c: { action: string; version: number; actor: { role: string } }) => [c.action, c.version, c.actor.role])).toEqual([['create', 1, 'admin'], ['update', 2, 'admin']]);
    expect(changes[1]).toMatchObject({ before: { afterLast: 'end', version: 1 }, after: { afterLast: 'repeat-last', version: 2 } });
    // The enrolled customer keeps version 1: three steps, then the end.
    const sub = (await http(app).get(`/subscriptions/${enrolled.subscriptionId}`).expect(200)).body;
    expect(sub.continuity).toMatchObject({ programId: created.programId, programVersion: 1, stepCount: 3, afterLast: 'end', stepsOrdered: 0, nextStep: 1 });
    expect((await http(app).get(`/subscriptions?programId=${created.programId}`).expect(200)).body.total).toBe(1);
  });

  it('refuses step lines naming unknown, retired or rental products, naming each field', async () => {
    const { body } = await http(app).post('/continuity-programs').send(program({
      steps: [{ lines: [line(light, 499), line(light, 499)] }, { lines: [line(retired, 1)] }, { lines: [{ ...line(dark, 1), productId: '00000000-0000-4000-8000-000000000000' }, line(bike, 1)] }],
    })).expect(422);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['steps.0.lines.1.productId', 'steps.1.lines.0.productId', 'steps.2.lines.0.productId', 'steps.2.lines.1.productId']);
    const invalid = await http(app).post('/continuity-programs').send(program({ steps: [{ lines: [{ ...line(light, -1) }] }], afterLast: 'forever' })).expect(400);
    expect(JSON.stringify(invalid.body)).toContain('unitPriceMinor');
    expect(JSON.stringify(invalid.body)).toContain('afterLast');
    expect((await http(app).get('/continuity-programs').expect(200)).body.total).toBe(0);
  });

  it('ships step k on the k-th ordered cycle at its price (a skipped cycle uses up no step) and ends after the last step', async () => {
    const { programId } = await define();
    const { subscriptionId: id, lines } = await enrol(programId);
    expect(lines).toEqual([expect.objectContaining({ sku: light.sku, quantity: 1 })]);
    await act(app, 'post', `/subscriptions/${id}/cycles/1/skip`, {}, 200);
    const preview = (await http(app).get(`/subscriptions/${id}/schedule?next=5`).expect(200)).body;
    expect(preview.cycles.map((c: { cycleIndex: number; step: number | null }) => [c.cycleIndex, c.step])).toEqual([[0, 1], [1, null], [2, 2], [3, 3]]);
    const upcoming = (await http(app).get(`/subscriptions/${id}/upcoming?next=2`).expect(200)).body.items;
    expect(upcoming.map((u: { step: number; totalMinor: number }) => [u.step, u.totalMinor])).toEqual([[1, 499], [2, 1499]]);
    await act(app, 'patch', `/subscriptions/${id}`, { lines: [{ productId: dark.productId, quantity: 1 }] }, 422);
    expect((await act(app, 'post', `/subscriptions/${id}/cycles/2/skip`, { lineIds: [lines[0].lineId] }, 422)).errors[0].field).toBe('lineIds');
    await runJobOn(app, clock, '2026-01-20T00:00:00Z', '2026-02-20T00:00:00Z', '2026-03-20T00:00:00Z', '2026-04-20T00:00:00Z', '2026-05-20T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null], [1, 'skipped', 'override'], [2, 'emitted', null], [3, 'emitted', null]]);
    await events.waitFor((e) => e.type === EventTypes.orderDue && e.subject === id, 3);
    expect(shipped(id)).toEqual([[0, 1, [[light.sku, 1, 499]]], [2, 2, [[medium.sku, 1, 1499]]], [3, 3, [[dark.sku, 2, 1599]]]]);
    expect(dueOf(events, id)[2]!.continuity).toEqual({ programId, programVersion: 1, step: 3, stepCount: 3 });
    const ended = (await http(app).get(`/subscriptions/${id}`).expect(200)).body;
    expect(ended).toMatchObject({ status: 'ended', nextDueAt: null, continuity: { stepsOrdered: 3, nextStep: null } });
    const history = (await http(app).get(`/subscriptions/${id}/history`).expect(200)).body.items;
    expect(history.map((h: { action: string; actor: { role: string } }) => [h.action, h.actor.role])).toEqual([['create', 'csr'], ['skip', 'admin'], ['end', 'system']]);
    expect(history[2].reason).toContain('last step');
    await events.waitFor((e) => e.subject === id && e.type === EventTypes.subscriptionEnded);
  });

  it('with repeat-last keeps shipping the last step; pausing uses up no step', async () => {
    const { programId } = await define({ steps: [{ lines: [line(light, 499)] }, { lines: [line(medium, 1499)] }], afterLast: 'repeat-last' });
    const { subscriptionId: id } = await enrol(programId, 'channel');
    await runJobOn(app, clock, '2026-01-20T00:00:00Z');
    await act(app, 'post', `/subscriptions/${id}/pause`, { resumeOn: '2026-03-01' }, 200);
    await runJobOn(app, clock, '2026-02-20T00:00:00Z', '2026-03-20T00:00:00Z', '2026-04-20T00:00:00Z');
    expect(await ledgerOf(app, id)).toEqual([[0, 'emitted', null], [1, 'skipped', 'pause'], [2, 'emitted', null], [3, 'emitted', null]]);
    await events.waitFor((e) => e.type === EventTypes.orderDue && e.subject === id, 3);
    expect(shipped(id).map(([cycle, step]) => [cycle, step])).toEqual([[0, 1], [2, 2], [3, 2]]);
    const sub = (await http(app).get(`/subscriptions/${id}`).expect(200)).body;
    expect(sub).toMatchObject({ status: 'active', nextDueAt: '2026-05-15T09:00:00.000Z', continuity: { stepsOrdered: 3, nextStep: 2 } });
    const due = dueOf(events, id)[2] as OrderDueV1;
    expect(due.lines).toEqual([expect.objectContaining({ productId: medium.productId, unitPriceMinor: 1499 })]);
  });

  it('takes no enrolment in a retired program, nor a customer enrolling someone else; cancel works as for any subscription', async () => {
    const { programId } = await define();
    await httpAs(app, 'customer', 'cust-2').post(`/continuity-programs/${programId}/enrolments`).send({ customerId: 'cust-1' }).expect(403);
    const own = await httpAs(app, 'customer', 'cust-2').post(`/continuity-programs/${programId}/enrolments`).send({ customerId: 'cust-2', startDate: '2026-01-15' }).expect(201);
    await act(app, 'post', `/subscriptions/${own.body.subscriptionId}/cancel`, { when: 'now', reason: 'not for me' }, 200);
    await runJobOn(app, clock, '2026-01-20T00:00:00Z');
    expect(await ledgerOf(app, own.body.subscriptionId)).toEqual([]);
    await http(app).patch(`/continuity-programs/${programId}`).send({ status: 'retired' }).expect(200);
    const refused = await httpAs(app, 'csr').post(`/continuity-programs/${programId}/enrolments`).send({ customerId: 'cust-1' }).expect(409);
    expect(refused.body.message).toContain('retired');
    await http(app).post('/continuity-programs/00000000-0000-4000-8000-000000000000/enrolments').send({ customerId: 'cust-1' }).expect(404);
  });
});
