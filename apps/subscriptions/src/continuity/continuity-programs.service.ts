import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, paginate, type Clock, type PageQuery } from '@oms/service-runtime';
import type { ContinuityProgram, Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { CreateContinuityProgramRequest, ProgramStatus, UpdateContinuityProgramRequest } from './continuity-program.requests';
import { definitionOf, toChangeResponse, toProgramResponse } from './continuity-program.view';
import { ProgramProductsValidator } from './program-products.validator';
import { ProgramNotFoundError, ProgramRejectedError } from './continuity.errors';

type Json = Prisma.InputJsonValue;

/**
 * Continuity programs over HTTP (admin writes). Every create and change writes a change-log row naming who made it,
 * with the definition before and after, in the transaction of the change; a change raises the version, and
 * subscriptions already enrolled keep the terms of the version they enrolled in.
 */
@Injectable()
export class ContinuityProgramsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly products: ProgramProductsValidator,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(request: CreateContinuityProgramRequest, actor: Actor) {
    const steps = await this.products.validate(request.steps);
    const program = await this.prisma.$transaction(async (tx) => {
      const created = await tx.continuityProgram.create({
        data: {
          id: randomUUID(), name: request.name, currency: request.currency, unit: request.frequency.unit, interval: request.frequency.interval,
          afterLast: request.afterLast, status: 'active', version: 1, steps: steps as unknown as Json,
        },
      });
      await this.logChange(tx, created, 'create', {}, actor);
      return created;
    });
    return toProgramResponse(program);
  }

  async update(id: string, request: UpdateContinuityProgramRequest, actor: Actor) {
    if (Object.values(request).every((value) => value === undefined)) {
      const message = 'nothing to change: give name, frequency, steps, afterLast or status';
      throw new ProgramRejectedError(message, [{ field: 'body', message }]);
    }
    const steps = request.steps ? await this.products.validate(request.steps) : undefined;
    const program = await this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM continuity_program WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new ProgramNotFoundError(id);
      const before = await tx.continuityProgram.findUniqueOrThrow({ where: { id } });
      const updated = await tx.continuityProgram.update({
        where: { id },
        data: {
          version: before.version + 1,
          ...(request.name !== undefined && { name: request.name }),
          ...(request.frequency && { unit: request.frequency.unit, interval: request.frequency.interval }),
          ...(steps && { steps: steps as unknown as Json }),
          ...(request.afterLast && { afterLast: request.afterLast }),
          ...(request.status && { status: request.status satisfies ProgramStatus }),
        },
      });
      await this.logChange(tx, updated, 'update', definitionOf(before), actor);
      return updated;
    });
    return toProgramResponse(program);
  }

  async load(id: string): Promise<ContinuityProgram> {
    const program = await this.prisma.continuityProgram.findUnique({ where: { id } });
    if (!program) throw new ProgramNotFoundError(id);
    return program;
  }

  async get(id: string) {
    return toProgramResponse(await this.load(id));
  }

  async list(query: PageQuery & { status?: string }) {
    const where = { ...(query.status && { status: query.status }) };
    return paginate(query, {
      rows: (window) => this.prisma.continuityProgram.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...window }),
      count: () => this.prisma.continuityProgram.count({ where }),
    }, toProgramResponse);
  }

  /** The change log, oldest first. */
  async changes(id: string, page: PageQuery) {
    await this.load(id);
    const where = { programId: id };
    return paginate(page, {
      rows: (window) => this.prisma.continuityProgramChange.findMany({ where, orderBy: { id: 'asc' }, ...window }),
      count: () => this.prisma.continuityProgramChange.count({ where }),
    }, toChangeResponse);
  }

  private async logChange(tx: Prisma.TransactionClient, program: ContinuityProgram, action: 'create' | 'update', before: object, actor: Actor): Promise<void> {
    await tx.continuityProgramChange.create({
      data: {
        programId: program.id, version: program.version, action, actorSub: actor.sub, actorRole: actor.role, at: this.clock.now(),
        before: before as Json, after: definitionOf(program) as unknown as Json,
      },
    });
  }
}
