import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TEST_PROFILE } from '@oms/local-infra';
import { createServiceTestApp, httpAs } from '@oms/testing';
import { malformedRequests, type MalformedRequest } from './support/fuzz/malformed-requests';
import { writeRoutes, type OpenApiDocument, type WriteRoute } from './support/openapi-operations';
import { changedTables, TableCounts } from './support/fuzz/table-counts';

/** Malformed bodies sent to each write route; fast-check picks them from the route's schema. */
const PER_ROUTE = 120;
const SEED = 20261128;

const SERVICES: Array<{ name: string; env?: Record<string, string>; load: () => Promise<unknown> }> = [
  { name: 'subscriptions', env: { SCHEDULER_INTERVAL_MS: '0' }, load: async () => (await import('../../apps/subscriptions/src/app.module')).AppModule },
  { name: 'orders', env: { LATE_ORDER_WATCHDOG_INTERVAL_MS: '0', DUNNING_INTERVAL_MS: '0' }, load: async () => (await import('../../apps/orders/src/app.module')).AppModule },
  { name: 'fulfillment', env: { BACKORDER_SWEEP_INTERVAL_MS: '0' }, load: async () => (await import('../../apps/fulfillment/src/app.module')).AppModule },
  { name: 'notifications', env: { DISPATCH_INTERVAL_MS: '0' }, load: async () => (await import('../../apps/notifications/src/app.module')).AppModule },
  // Last: the products it accepts stay on the compacted catalog topic, which no later service may be busy consuming.
  { name: 'catalog', load: async () => (await import('../../apps/catalog/src/app.module')).AppModule },
];

const REFUSALS_NAMING_A_FIELD = new Set([400, 413, 415, 422]);

interface Figures {
  routes: number;
  sent: number;
  serverErrors: number;
  refused: number;
  /** Refusals by the input checks themselves (400, 413, 415, 422), not by a guard in front of them. */
  namedRefusals: number;
  accepted: number;
}

/**
 * Every write route of the five services' OpenAPI documents gets PER_ROUTE
 * malformed requests (wrong types, missing and null fields, huge and
 * invisible strings, deep nesting, NUL and lone surrogates, prototype keys,
 * wrong content types and body shapes). No answer may be a 5xx; every 4xx is
 * JSON, and a validation refusal names the field that was broken; a request
 * that is certainly malformed is never accepted; and a refused request
 * changes no row count in the service's database.
 */
describe('input fuzz: every write route refuses malformed input with a 4xx naming the field', () => {
  const figures: Figures = { routes: 0, sent: 0, serverErrors: 0, refused: 0, namedRefusals: 0, accepted: 0 };
  let failureCount = 0;

  afterAll(() => {
    process.stdout.write(
      `[input fuzz] ${figures.routes} write routes, ${figures.sent} requests sent, ${figures.serverErrors} answered 5xx, ` +
        `${figures.refused} refused with 4xx (${figures.namedRefusals} naming the field), ${figures.accepted} accepted; ${failureCount} failures\n`,
    );
  });

  it.each(SERVICES)('$name', async (service) => {
    const failures: string[] = [];
    const saved = { ...process.env };
    const app = (await createServiceTestApp({ service: service.name, env: service.env, loadModule: service.load as never })) as INestApplication;
    restoreEnvironment(saved);
    const counts = await TableCounts.open(process.env[`${service.name.toUpperCase()}_DATABASE_URL`]!);
    try {
      const document = (await httpAs(app).get('/docs-json').expect(200)).body as OpenApiDocument;
      const routes = writeRoutes(document);
      figures.routes += routes.length;
      await counts.settle(1500);
      for (const route of routes) {
        const cases = malformedRequests(route.body, PER_ROUTE, SEED + hash(`${route.method} ${route.template}`));
        for (const malformed of cases) {
          const before = await counts.read();
          const response = await send(app, route, malformed);
          figures.sent += 1;
          const problem = judge(response, malformed);
          if (response.status >= 200 && response.status < 300) {
            figures.accepted += 1;
            // An accepted request may start work that writes later (a job run answers 202 and
            // pauses between batches and while its events are relayed); a long quiet window keeps
            // those writes from being charged to the next, refused request.
            await counts.settle(2000, 30_000);
          } else {
            if (response.status < 500) figures.refused += 1;
            if (REFUSALS_NAMING_A_FIELD.has(response.status)) figures.namedRefusals += 1;
            const changed = changedTables(before, await counts.read());
            if (changed.length > 0) failures.push(report(service.name, route, malformed, response, `refused but wrote: ${changed.join(', ')}`));
          }
          if (response.status >= 500) figures.serverErrors += 1;
          if (problem) failures.push(report(service.name, route, malformed, response, problem));
        }
      }
    } finally {
      // Requests the fuzz got accepted may have changed settings (say, a channel now needing a card or a source code):
      // back to the defaults, so no later suite inherits them.
      await counts.resetSettings();
      await counts.close();
      await app.close();
    }
    failureCount += failures.length;
    if (failures.length > 0) appendFileSync(join(TEST_PROFILE.stateDir, 'input-fuzz-failures.txt'), `${failures.join('\n')}\n`);
    expect(failures.slice(0, 25)).toEqual([]);
  }, 420_000); // subscriptions has 15 write routes since the lifecycle actions; a loaded 2-core machine needed over 180 s

  it('covered every service with at least 100 requests per write route', () => {
    expect(figures.routes).toBeGreaterThanOrEqual(15);
    expect(figures.sent).toBeGreaterThanOrEqual(figures.routes * 100);
    expect(figures.serverErrors).toBe(0);
    // Guards against a vacuous pass: if a 401 or 403 answered instead, the input checks were never reached.
    expect(figures.namedRefusals).toBeGreaterThanOrEqual(figures.sent * 0.9);
  });
});

type Answer = { status: number; body: unknown; headers: Record<string, string> };

async function send(app: INestApplication, route: WriteRoute, malformed: MalformedRequest): Promise<Answer> {
  // As admin, who may call every route: the guard must not refuse before the input is judged.
  const call = httpAs(app, 'admin')[route.method](route.path);
  if (malformed.payload === '') return call;
  return call.set('Content-Type', malformed.contentType).send(malformed.payload);
}

function judge(response: Answer, malformed: MalformedRequest): string | undefined {
  if (response.status >= 500) return `answered ${response.status}`;
  if (response.status < 300) return malformed.mustRefuse ? `accepted with ${response.status}` : undefined;
  if (!String(response.headers['content-type']).startsWith('application/json')) return `${response.status} is not JSON`;
  if (!REFUSALS_NAMING_A_FIELD.has(response.status)) return undefined;
  const errors = (response.body as { errors?: Array<{ field?: unknown }> }).errors;
  const fields = Array.isArray(errors) ? errors.map((e) => e.field).filter((f): f is string => typeof f === 'string' && f !== '') : [];
  if (fields.length === 0) return `${response.status} names no field`;
  if (malformed.mustRefuse && !fields.some((f) => related(f, malformed.field))) return `${response.status} names ${fields.join(', ')}, not ${malformed.field}`;
  return undefined;
}

/** The same field, or one inside the other (`lines` and `lines.0.quantity`); a whole-body problem may name any field in it. */
function related(named: string, expected: string): boolean {
  return expected === 'body' || named === expected || named.startsWith(`${expected}.`) || expected.startsWith(`${named}.`);
}

function report(service: string, route: WriteRoute, malformed: MalformedRequest, response: Answer, problem: string): string {
  const payload = malformed.payload.length > 120 ? `${malformed.payload.slice(0, 120)}…` : malformed.payload;
  return `${service} ${route.method.toUpperCase()} ${route.template} [${malformed.kind} ${malformed.field}, ${malformed.contentType}] ${payload} → ${problem}: ${JSON.stringify(response.body).slice(0, 300)}`;
}

/** Undoes what booting a service added to process.env (Nest's ConfigModule copies its validated values there). */
function restoreEnvironment(saved: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
}

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(h);
}
