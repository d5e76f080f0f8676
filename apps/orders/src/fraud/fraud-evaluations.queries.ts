import { Injectable } from '@nestjs/common';
import { notFound, paginate, type Page, type PageQuery } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';

export interface FraudEvaluationView {
  evaluationId: string;
  score: number;
  threshold: number;
  held: boolean;
  firedRules: unknown;
  evaluatedAt: string;
}

/** The fraud rules' verdicts on one order, newest first. */
@Injectable()
export class FraudEvaluationsQueries {
  constructor(private readonly prisma: PrismaService) {}

  async ofOrder(orderId: string, query: PageQuery): Promise<Page<FraudEvaluationView>> {
    const order = await this.prisma.salesOrder.findUnique({ where: { id: orderId }, select: { id: true } });
    if (!order) throw notFound('order', orderId);
    return paginate(query, {
      rows: (window) => this.prisma.fraudEvaluation.findMany({ where: { orderId }, orderBy: [{ at: 'desc' }, { id: 'asc' }], ...window }),
      count: () => this.prisma.fraudEvaluation.count({ where: { orderId } }),
    }, (row) => ({ evaluationId: row.id, score: row.score, threshold: row.threshold, held: row.held, firedRules: row.firedRules, evaluatedAt: row.at.toISOString() }));
  }
}
