import { ROLES, type Role } from '@oms/auth';
import { createEnvelope, EventTypes, Topics } from '@oms/contracts';
import { SERVICES, type ServiceName } from '@oms/local-infra';
import { authAs, badTokens, publishTestEvents, waitFor } from '@oms/testing';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { apiOperations, type ApiOperation, type OpenApiDocument } from './support/openapi-operations';
import { EXPECTED_ROLES, PUBLIC, UNDOCUMENTED, type RoleTable } from './support/role-matrix/expected-roles';
import { readmeRolesTable, renderRolesTable, writeReadmeRolesTable } from './support/role-matrix/roles-table';
import { runCycle, stockedProduct } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type Answer = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Target = ApiOperation & { service: ServiceName; key: string };

/** Requests in flight at once: enough to keep the matrix well under a minute, few enough for a loaded 2-core machine. */
const PARALLEL = 8;

/**
 * Every operation of the five services' OpenAPI documents (plus the routes
 * they hide) against no token, bad tokens and each role, compared with the
 * explicit table in expected-roles.ts; then two customers' records made
 * through the real flow, each customer seeing only their own.
 */
describe('who may do what: the role matrix and per-customer records', () => {
  let run: E2eRun;
  let system: E2eSystem;

  beforeAll(async () => {
    run = await startE2e({ mail: 'role-matrix-mail', clock: new Date('2026-01-01T00:00:00Z') });
    ({ system } = run);
  }, 240000);

  afterAll(() => run?.stop());

  const send = async (service: ServiceName, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${system.url(service)}${path}`, {
      method: method.toUpperCase(),
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text for the failure message
    }
    return { status: response.status, body: parsed };
  };

  it('answers every operation of the five OpenAPI documents as the expectation table says', async () => {
    const started = Date.now();
    const targets: Target[] = [];
    const problems: string[] = [];
    for (const { name } of SERVICES) {
      const document = (await send(name, 'get', '/docs-json', {})).body as OpenApiDocument;
      const operations = apiOperations(document);
      const expected = EXPECTED_ROLES[name];
      const keys = new Set(operations.map((o) => keyOf(o)));
      for (const operation of operations) {
        const key = keyOf(operation);
        const roles = expected[key];
        if (roles === undefined) problems.push(`${name} ${key}: in the OpenAPI document but not in expected-roles.ts (add it with the roles the issue allows)`);
        else if (roles !== PUBLIC && !sameRoles(operation.roles ?? [], roles)) problems.push(`${name} ${key}: the document's x-roles ${JSON.stringify(operation.roles)} differ from the table's ${JSON.stringify(roles)}`);
        else if (roles === PUBLIC && !operation.public) problems.push(`${name} ${key}: the table says public, the document does not`);
        targets.push({ ...operation, service: name, key });
      }
      for (const key of Object.keys(expected)) if (!keys.has(key)) problems.push(`${name} ${key}: in expected-roles.ts but in no OpenAPI document (a stale entry)`);
      for (const key of Object.keys(UNDOCUMENTED)) targets.push({ ...undocumented(key), service: name, key });
    }

    const bad = badTokens('admin');
    const callers: Array<{ who: string; headers: Record<string, string>; role?: Role }> = [
      { who: 'no token', headers: {} },
      { who: 'an expired token', headers: { authorization: `Bearer ${bad.expired}` } },
      { who: 'a wrong-audience token', headers: { authorization: `Bearer ${bad.wrongAudience}` } },
      { who: 'a badly signed token', headers: { authorization: `Bearer ${bad.wrongSignature}` } },
      { who: 'a wrong-issuer token', headers: { authorization: `Bearer ${bad.wrongIssuer}` } },
      ...ROLES.map((role) => ({ who: role, role, headers: authAs(role, role === 'customer' ? 'cust-matrix' : undefined) })),
    ];
    let sent = 0;
    await inBatches(targets, PARALLEL, async (target) => {
      const allowed = (EXPECTED_ROLES[target.service][target.key] ?? UNDOCUMENTED[target.key])!;
      const write = target.method !== 'get' && target.method !== 'delete';
      for (const caller of callers) {
        if (allowed === PUBLIC && caller.role === undefined && caller.who !== 'no token') continue;
        // A dummy body: an allowed caller gets a 400/404/422, which still proves the guard let it in.
        const answer = await send(target.service, target.method, target.path, caller.headers, write ? {} : undefined);
        sent += 1;
        const verdict = judge(allowed, caller.role, answer.status);
        if (verdict) problems.push(`${target.service} ${target.key} as ${caller.who}: ${verdict} (${JSON.stringify(answer.body).slice(0, 160)})`);
      }
    });
    process.stdout.write(`[role matrix] ${targets.length} operations × ${callers.length} callers: ${sent} requests in ${Date.now() - started} ms, ${problems.length} problems\n`);
    expect(problems).toEqual([]);
    expect(targets.length).toBeGreaterThanOrEqual(60);
  }, 120000);

  it('keeps the README routes × roles table equal to the expectation table', () => {
    const rendered = renderRolesTable(EXPECTED_ROLES, UNDOCUMENTED);
    if (process.env['OMS_WRITE_ROLES_TABLE'] === '1') writeReadmeRolesTable(rendered);
    expect(readmeRolesTable()).toBe(rendered);
  });

  describe('a customer sees only their own records', () => {
    const customers = ['cust-scope-a', 'cust-scope-b'] as const;
    type Records = { subscriptionId: string; orderIds: string[]; shipmentId: string; messageId: string };
    const records = new Map<string, Records>();
    const as = (sub: string) => authAs('customer', sub);
    const admin = authAs('admin');

    beforeAll(async () => {
      const productId = await stockedProduct(system, 'SCOPE-COFFEE', 100);
      for (const customerId of customers) {
        const email = `${customerId}@example.com`;
        const subscription = await retryWhileUnknown(() => send('subscriptions', 'post', '/subscriptions', as(customerId), {
          customerId, customerEmail: email, currency: 'EUR', timeZone: 'UTC', frequency: { unit: 'month', interval: 1 },
          startDate: '2026-01-15', lines: [{ productId, quantity: 1 }],
        }));
        await retryWhileUnknown(() => send('orders', 'post', '/orders', as(customerId), {
          customerId, customerEmail: email, customerName: `Name of ${customerId}`, channel: 'web', currency: 'EUR', lines: [{ productId, quantity: 1 }],
        }));
        records.set(customerId, { subscriptionId: subscription.body.subscriptionId, orderIds: [], shipmentId: '', messageId: '' });
      }
      await runCycle(system, new Date('2026-01-20T00:00:00Z'));
      for (const customerId of customers) {
        const mine = records.get(customerId)!;
        const orders = await waitFor(() => send('orders', 'get', `/orders?customerId=${customerId}`, admin), (a) => a.body.total === 2 && a.body.items.every((o: { status: string }) => o.status === 'released'), { timeoutMs: 30000, what: `${customerId}'s two released orders` });
        mine.orderIds = orders.body.items.map((o: { orderId: string }) => o.orderId);
        const shipped = await send('fulfillment', 'post', '/shipments', authAs('ops'), { orderId: mine.orderIds[0] });
        expect(shipped.status).toBe(201);
        mine.shipmentId = shipped.body.shipmentId;
        const messages = await waitFor(() => send('notifications', 'get', `/messages?customerId=${customerId}`, admin), (a) => a.body.total >= 2, { timeoutMs: 30000, what: `${customerId}'s messages` });
        mine.messageId = messages.body.items[0].messageId;
      }
    }, 120000);

    it.each(customers)('%s lists only their own subscriptions, orders, shipments and messages', async (customerId) => {
      const other = customers.find((c) => c !== customerId)!;
      const lists: Array<[ServiceName, string, number]> = [
        ['subscriptions', '/subscriptions', 1],
        ['subscriptions', `/subscriptions?customerId=${other}`, 0],
        ['orders', '/orders', 2],
        ['orders', `/orders?search=${other}`, 0],
        ['orders', `/orders?customerId=${other}`, 0],
        ['fulfillment', '/shipments', 1],
        ['notifications', '/messages', -1],
        ['notifications', `/messages?customerId=${other}`, 0],
      ];
      for (const [service, path, total] of lists) {
        const answer = await send(service, 'get', path, as(customerId));
        expect({ path, status: answer.status }).toEqual({ path, status: 200 });
        const page = answer.body as Page<{ customerId: string }>;
        if (total >= 0) expect({ path, total: page.total }).toEqual({ path, total });
        else expect(page.total).toBeGreaterThanOrEqual(2);
        expect(page.items.filter((item) => item.customerId !== customerId)).toEqual([]);
      }
      const search = await send('orders', 'get', `/orders?search=${customerId}`, as(customerId));
      expect(search.body.total).toBe(2);
    });

    it.each(customers)('%s reads their own records and gets 404 for the other customer\'s', async (customerId) => {
      const other = customers.find((c) => c !== customerId)!;
      const reads = (r: Records): Array<[ServiceName, string, string, unknown?]> => [
        ['subscriptions', 'get', `/subscriptions/${r.subscriptionId}`],
        ['subscriptions', 'get', `/subscriptions/${r.subscriptionId}/schedule?next=2`],
        ['subscriptions', 'get', `/subscriptions/${r.subscriptionId}/cycles`],
        ['subscriptions', 'get', `/subscriptions/${r.subscriptionId}/history`],
        ['subscriptions', 'get', `/subscriptions/${r.subscriptionId}/upcoming`],
        ['orders', 'get', `/orders/${r.orderIds[0]}`],
        ['orders', 'get', `/orders/${r.orderIds[1]}`],
        ['fulfillment', 'get', `/shipments/${r.shipmentId}`],
        ['fulfillment', 'get', `/shipments/${r.shipmentId}/history`],
        ['notifications', 'get', `/messages/${r.messageId}`],
      ];
      for (const [service, method, path] of reads(records.get(customerId)!)) {
        expect({ path, status: (await send(service, method, path, as(customerId))).status }).toEqual({ path, status: 200 });
      }
      const theirs = records.get(other)!;
      const changes: Array<[ServiceName, string, string, unknown]> = [
        ['subscriptions', 'post', `/subscriptions/${theirs.subscriptionId}/cancel`, { when: 'now', reason: 'not mine to end' }],
        ['orders', 'post', `/orders/${theirs.orderIds[1]}/cancel`, {}],
      ];
      for (const [service, method, path, body] of [...reads(theirs), ...changes]) {
        const answer = await send(service, method, path, as(customerId), body);
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      }
    });

    it('refuses a customer creating a subscription or an order for someone else (403)', async () => {
      const [me, other] = customers;
      const subscription = await send('subscriptions', 'post', '/subscriptions', as(me), {
        customerId: other, currency: 'EUR', frequency: { unit: 'month', interval: 1 }, lines: [{ productId: '00000000-0000-4000-8000-000000000001', quantity: 1 }],
      });
      const order = await send('orders', 'post', '/orders', as(me), {
        customerId: other, channel: 'web', currency: 'EUR', lines: [{ productId: '00000000-0000-4000-8000-000000000001', quantity: 1 }],
      });
      expect([subscription.status, order.status]).toEqual([403, 403]);
    });
  });

  describe('a channel reads only the subscriptions and orders it created', () => {
    const shops = ['shop-a', 'shop-b'] as const;
    const created = new Map<string, { subscriptionId: string; orderIds: string[] }>();
    const as = (sub: string) => authAs('channel', sub);

    beforeAll(async () => {
      const productId = await stockedProduct(system, 'SCOPE-TEA', 100);
      for (const shop of shops) {
        const customerId = `${shop}-customer`;
        const subscription = await retryWhileUnknown(() => send('subscriptions', 'post', '/subscriptions', as(shop), {
          customerId, currency: 'EUR', frequency: { unit: 'month', interval: 1 }, startDate: '2026-01-25', lines: [{ productId, quantity: 1 }],
        }));
        const order = await retryWhileUnknown(() => send('orders', 'post', '/orders', as(shop), { customerId, channel: 'web', currency: 'EUR', lines: [{ productId, quantity: 1 }] }));
        created.set(shop, { subscriptionId: subscription.body.subscriptionId, orderIds: [order.body.orderId] });
      }
      // An order from the channel topic names no token: its channel field is its creator.
      const data = {
        channelOrderId: 'SHOP-A-KAFKA-1', channel: 'shop-a', customerId: 'shop-a-kafka-customer', currency: 'EUR',
        lines: [{ productId, sku: 'SCOPE-TEA', quantity: 1 }], placedAt: '2026-01-20T10:00:00.000Z',
      };
      await publishTestEvents(Topics.channelOrder, [createEnvelope({ type: EventTypes.channelOrderPlaced, source: '/channel', subject: data.channelOrderId, data })]);
      const fromKafka = await waitFor(() => send('orders', 'get', '/orders?customerId=shop-a-kafka-customer', authAs('admin')), (a) => a.body.total === 1, { timeoutMs: 30000, what: 'the channel order from Kafka' });
      created.get('shop-a')!.orderIds.push(fromKafka.body.items[0].orderId);
    }, 120000);

    it.each(shops)('%s lists and reads only its own and gets 404 for the other channel\'s', async (shop) => {
      const mine = created.get(shop)!;
      const theirs = created.get(shops.find((s) => s !== shop)!)!;
      const subscriptions = await send('subscriptions', 'get', '/subscriptions', as(shop));
      expect(subscriptions.body.items.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([mine.subscriptionId]);
      const orders = await send('orders', 'get', '/orders', as(shop));
      expect(orders.body.items.map((o: { orderId: string }) => o.orderId).sort()).toEqual([...mine.orderIds].sort());
      expect(orders.body.items.every((o: { createdBy: string }) => o.createdBy === shop)).toBe(true);
      const reads = (r: { subscriptionId: string; orderIds: string[] }): Array<[ServiceName, string]> => [
        ['subscriptions', `/subscriptions/${r.subscriptionId}`],
        ['subscriptions', `/subscriptions/${r.subscriptionId}/schedule`],
        ['subscriptions', `/subscriptions/${r.subscriptionId}/cycles`],
        ['subscriptions', `/subscriptions/${r.subscriptionId}/history`],
        ['subscriptions', `/subscriptions/${r.subscriptionId}/upcoming`],
        ...r.orderIds.map((id): [ServiceName, string] => ['orders', `/orders/${id}`]),
      ];
      for (const [service, path] of reads(mine)) expect({ path, status: (await send(service, 'get', path, as(shop))).status }).toEqual({ path, status: 200 });
      for (const [service, path] of reads(theirs)) expect({ path, status: (await send(service, 'get', path, as(shop))).status }).toEqual({ path, status: 404 });
      const cancel = await send('subscriptions', 'post', `/subscriptions/${theirs.subscriptionId}/cancel`, as(shop), { when: 'now', reason: 'not ours to end' });
      expect(cancel.status).toBe(404);
    });
  });
});

/** `GET /orders/{id}`: the table's key for an operation. */
function keyOf(operation: { method: string; template: string }): string {
  return `${operation.method.toUpperCase()} ${operation.template}`;
}

function undocumented(key: string): ApiOperation {
  const [method, template] = key.split(' ') as [string, string];
  return { method: method.toLowerCase() as ApiOperation['method'], template, path: template, public: false };
}

function sameRoles(actual: readonly string[], expected: readonly Role[]): boolean {
  return [...actual].sort().join() === [...expected].sort().join();
}

/** Undefined when the answer is what the table expects, else what was wrong. */
function judge(allowed: RoleTable[string], role: Role | undefined, status: number): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (allowed === PUBLIC) return status === 401 || status === 403 ? `a public route answered ${status}` : undefined;
  if (role === undefined) return status === 401 ? undefined : `expected 401, got ${status}`;
  if (allowed.includes(role)) return status === 401 || status === 403 ? `allowed by the table, refused with ${status}` : undefined;
  return status === 403 ? undefined : `expected 403, got ${status}${status < 300 ? ' (an unexpected success)' : ''}`;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: size }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/** A create answered 422 while the product is still on its way into the service's catalog read model is retried. */
async function retryWhileUnknown(create: () => Promise<Answer>): Promise<Answer> {
  for (let attempt = 0; ; attempt += 1) {
    const answer = await create();
    if (answer.status === 201) return answer;
    if (answer.status !== 422 || attempt > 100) throw new Error(`create refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
