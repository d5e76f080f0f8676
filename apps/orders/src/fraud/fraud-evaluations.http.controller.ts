import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@oms/auth';
import { notFound, PageQuery, paginate } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';

/** The fraud rules' verdicts on one order (staff only: customers and channels never see which rules fired). */
@ApiTags('orders')
@Controller('orders')
export class FraudEvaluationsHttpController {
  constructor(private readonly prisma: PrismaService) {}

  @Get(':id/fraud-evaluations')
  @Roles('csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such order' })
  async list(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: PageQuery) {
    const order = await this.prisma.salesOrder.findUnique({ where: { id }, select: { id: true } });
    if (!order) throw notFound('order', id);
    return paginate(query, {
      rows: (window) => this.prisma.fraudEvaluation.findMany({ where: { orderId: id }, orderBy: [{ at: 'desc' }, { id: 'asc' }], ...window }),
      count: () => this.prisma.fraudEvaluation.count({ where: { orderId: id } }),
    }, (row) => ({ evaluationId: row.id, score: row.score, threshold: row.threshold, held: row.held, firedRules: row.firedRules, evaluatedAt: row.at.toISOString() }));
  }
}
