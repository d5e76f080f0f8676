import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, fieldConflict, fieldRejected, isUniqueViolation, notFound, paginate, type Clock, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma, SourceCode } from '../generated/prisma/client';
import type { SourceCodeTerms } from '../pricing/order-pricing.types';
import type { CreateSourceCodeRequest, ListSourceCodesQuery, UpdateSourceCodeRequest } from './source-code.requests';
import { chargesOf, toSourceCodeResponse, toSourceCodeTerms } from './source-code.mapper';
import { assertSourceCodeConsistent, sourceCodeRefusal, SOURCE_CODE_PATTERN_SHAPE, type SourceCodeShape } from './source-code.rules';

type SourceCodeResponse = ReturnType<typeof toSourceCodeResponse>;

/** The source code catalog (admin writes, staff and channels read) and the check an order's code must pass. */
@Injectable()
export class SourceCodesService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(request: CreateSourceCodeRequest, actor: Actor): Promise<SourceCodeResponse> {
    const shape = { channel: request.channel, validFrom: new Date(request.validFrom), validTo: request.validTo ? new Date(request.validTo) : null, freeShipping: request.freeShipping ?? false, charges: plainCharges(request.charges ?? []) };
    assertSourceCodeConsistent(shape);
    const now = this.clock.now();
    try {
      const created = await this.prisma.sourceCode.create({
        data: { code: request.code, description: request.description, ...columns(shape), discountBasisPoints: basisPoints(request.discountPercent), createdAt: now, updatedAt: now, updatedBySub: actor.sub, updatedByRole: actor.role },
      });
      return toSourceCodeResponse(created);
    } catch (error) {
      if (isUniqueViolation(error)) throw fieldConflict('code', `source code ${request.code} already exists`);
      throw error;
    }
  }

  async update(code: string, request: UpdateSourceCodeRequest, actor: Actor): Promise<SourceCodeResponse> {
    if (!SOURCE_CODE_PATTERN_SHAPE.test(code)) throw notFound('source code', code);
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ code: string }[]>`SELECT code FROM source_code WHERE code = ${code.toUpperCase()} FOR UPDATE`;
      if (rows.length === 0) throw notFound('source code', code);
      const current = await tx.sourceCode.findUniqueOrThrow({ where: { code: rows[0]!.code } });
      const shape: SourceCodeShape = {
        channel: request.channel ?? current.channel,
        validFrom: request.validFrom ? new Date(request.validFrom) : current.validFrom,
        validTo: request.validTo ? new Date(request.validTo) : current.validTo,
        freeShipping: request.freeShipping ?? current.freeShipping,
        charges: request.charges ? plainCharges(request.charges) : chargesOf(current),
      };
      assertSourceCodeConsistent(shape);
      const discount = request.discountPercent === undefined ? current.discountBasisPoints : basisPoints(request.discountPercent);
      const updated = await tx.sourceCode.update({
        where: { code: current.code },
        data: { ...columns(shape), description: request.description ?? current.description, discountBasisPoints: discount, updatedAt: this.clock.now(), updatedBySub: actor.sub, updatedByRole: actor.role },
      });
      return toSourceCodeResponse(updated);
    });
  }

  async get(code: string): Promise<SourceCodeResponse> {
    const found = SOURCE_CODE_PATTERN_SHAPE.test(code) ? await this.prisma.sourceCode.findUnique({ where: { code: code.toUpperCase() } }) : null;
    if (!found) throw notFound('source code', code);
    return toSourceCodeResponse(found);
  }

  /** By code; `validAt` keeps the codes valid at that moment. */
  list(query: ListSourceCodesQuery): Promise<Page<SourceCodeResponse>> {
    const at = query.validAt ? new Date(query.validAt) : null;
    const where: Prisma.SourceCodeWhereInput = {
      ...(query.channel && { channel: query.channel }),
      ...(at && { validFrom: { lte: at }, OR: [{ validTo: null }, { validTo: { gt: at } }] }),
    };
    return paginate(query, {
      rows: (window) => this.prisma.sourceCode.findMany({ where, orderBy: { code: 'asc' }, ...window }),
      count: () => this.prisma.sourceCode.count({ where }),
    }, toSourceCodeResponse);
  }

  /**
   * The terms of the code an order names, read in the order's transaction:
   * 422 naming `sourceCode` when it is unknown, of another channel, or not
   * valid at the order's time (the service clock).
   */
  async termsFor(db: Prisma.TransactionClient, code: string, channel: string): Promise<SourceCodeTerms> {
    const found: SourceCode | null = await db.sourceCode.findUnique({ where: { code: code.toUpperCase() } });
    if (!found) throw fieldRejected('sourceCode', `source code ${code} does not exist`);
    const refusal = sourceCodeRefusal(found, channel, this.clock.now());
    if (refusal) throw fieldRejected('sourceCode', refusal);
    return toSourceCodeTerms(found);
  }
}

function columns(shape: SourceCodeShape) {
  return { channel: shape.channel, validFrom: shape.validFrom, validTo: shape.validTo, freeShipping: shape.freeShipping, charges: shape.charges as unknown as Prisma.InputJsonValue };
}

function plainCharges(charges: SourceCodeTerms['charges']): SourceCodeTerms['charges'] {
  return charges.map(({ type, currency, amountMinor }) => ({ type, currency, amountMinor }));
}

function basisPoints(percent: number | undefined): number | null {
  return percent === undefined ? null : Math.round(percent * 100);
}
