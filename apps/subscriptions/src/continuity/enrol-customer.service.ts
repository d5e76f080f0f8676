import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import type { FrequencyUnit } from '@oms/contracts';
import { PrismaService } from '../database/prisma.service';
import { CreateSubscriptionService } from '../subscriptions/create-subscription.service';
import type { CreateSubscriptionRequest } from '../subscriptions/dto/create-subscription.request';
import type { FullSubscription } from '../subscriptions/subscription.mapper';
import type { AfterLast, ContinuityTerms, ProgramStep } from './continuity-terms';
import { ContinuityProgramsService } from './continuity-programs.service';
import { ProgramNotEnrollableError, ProgramRejectedError } from './continuity.errors';
import type { EnrolmentRequest } from './enrolment.request';
import { ProgramProductsValidator } from './program-products.validator';

/**
 * Enrols a customer in a program: a subscription at the program's interval and currency whose lines are step 1's,
 * carrying the program's current version as its terms (each step line with a stable line id), created like any
 * other (history row, created event, same idempotency by channel and externalRef).
 */
@Injectable()
export class EnrolCustomerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly programs: ContinuityProgramsService,
    private readonly products: ProgramProductsValidator,
    private readonly creator: CreateSubscriptionService,
  ) {}

  async enrol(programId: string, request: EnrolmentRequest, actor: Actor, correlationId?: string): Promise<{ subscription: FullSubscription; created: boolean }> {
    const program = await this.programs.load(programId);
    if (program.status !== 'active') throw new ProgramNotEnrollableError(programId, program.status);
    const stored = program.steps as unknown as ProgramStep[];
    // A product retired since the program was defined cannot be promised to a new customer.
    const { problems } = await this.products.check(stored);
    if (problems.length > 0) {
      const message = `the program cannot be enrolled in now: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
      throw new ProgramRejectedError(message, [{ field: 'programId', message }]);
    }
    const terms: ContinuityTerms = {
      programId, programVersion: program.version, name: program.name, afterLast: program.afterLast as AfterLast,
      steps: stored.map((step) => ({ step: step.step, lines: step.lines.map((line) => ({ ...line, lineId: randomUUID() })) })),
    };
    const first = terms.steps[0]!.lines;
    const subscription = {
      ...request, currency: program.currency, frequency: { unit: program.unit as FrequencyUnit, interval: program.interval },
      lines: first.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    } as CreateSubscriptionRequest;
    const catalog = await this.prisma.catalogProduct.findMany({ where: { productId: { in: first.map((l) => l.productId) } } });
    const products = first.map((line) => catalog.find((p) => p.productId === line.productId)!);
    return this.creator.create(subscription, actor, correlationId, actor.sub, { terms, products });
  }
}
