import type { INestApplication } from '@nestjs/common';
import type { OrderDueV1 } from '@oms/contracts';
import type { ControllableClock } from '@oms/service-runtime';
import type { EventCollector } from '@oms/testing';
import type { PrismaService } from '../../src/database/prisma.service';
import { http, runJob } from './subscriptions-test-kit';

/** The ledger of one subscription as `[cycleIndex, status, skipReason]`, in cycle order. */
export async function ledgerOf(app: INestApplication, subscriptionId: string): Promise<Array<[number, string, string | null]>> {
  const prisma = app.get<PrismaService>((await import('../../src/database/prisma.service')).PrismaService);
  const rows = await prisma.subscriptionCycle.findMany({ where: { subscriptionId }, orderBy: { cycleIndex: 'asc' } });
  return rows.map((row) => [row.cycleIndex, row.status, row.skipReason]);
}

/** Moves the clock to each date in turn and runs the job there. */
export async function runJobOn(app: INestApplication, clock: ControllableClock, ...dates: string[]): Promise<void> {
  for (const date of dates) {
    clock.set(new Date(date));
    await runJob(app);
  }
}

/** The due-order events of one subscription collected so far, in cycle order. */
export function dueOf(events: EventCollector, subscriptionId: string): OrderDueV1[] {
  return events.events
    .filter((e) => (e.data as OrderDueV1).subscriptionId === subscriptionId && (e.data as OrderDueV1).cycleKey !== undefined)
    .map((e) => e.data as OrderDueV1)
    .sort((a, b) => a.cycleIndex - b.cycleIndex);
}

/** POST an action and expect `status`; returns the body. */
export async function act(app: INestApplication, method: 'post' | 'delete' | 'patch', path: string, body: object, status: number) {
  const request = http(app)[method](path);
  const response = await (method === 'delete' ? request : request.send(body));
  if (response.status !== status) throw new Error(`${method.toUpperCase()} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
