import { Injectable } from '@nestjs/common';
import { paginate } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { DunningCase } from '../generated/prisma/client';
import type { ListDunningQuery } from './dunning.http.controller';

@Injectable()
export class DunningQueries {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first, each case with its authorization attempts (attempt, outcome, failure code, when). */
  list(query: ListDunningQuery) {
    const where = query.status ? { status: query.status } : {};
    return paginate(query, {
      rows: async (window) => {
        const cases = await this.prisma.dunningCase.findMany({ where, orderBy: { firstFailedAt: 'desc' }, ...window });
        const attempts = await this.prisma.payment.findMany({ where: { orderId: { in: cases.map((c) => c.orderId) }, type: 'authorization' }, orderBy: { seq: 'asc' } });
        return cases.map((c) => ({ ...c, attempts: attempts.filter((a) => a.orderId === c.orderId) }));
      },
      count: () => this.prisma.dunningCase.count({ where }),
    }, (c: DunningCase & { attempts: Array<{ attempt: number; status: string; failureCode: string | null; at: Date }> }) => ({
      orderId: c.orderId, subscriptionId: c.subscriptionId, cycleIndex: c.cycleIndex, cycleKey: c.cycleKey, timeZone: c.timeZone, retryDays: c.retryDays,
      finalAction: c.finalAction, status: c.status, failedAttempts: c.failedAttempts, firstFailedAt: c.firstFailedAt.toISOString(),
      nextAttemptAt: c.nextAttemptAt?.toISOString() ?? null,
      attempts: c.attempts.map((a) => ({ attempt: a.attempt, status: a.status, failureCode: a.failureCode, at: a.at.toISOString() })),
    }));
  }
}
