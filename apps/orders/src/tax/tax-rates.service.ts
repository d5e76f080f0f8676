import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@oms/auth';
import { CLOCK, fieldConflict, fieldRejected, notFound, paginate, type Clock, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import type { Prisma, TaxRate } from '../generated/prisma/client';
import type { TaxRateEntry } from './tax-calculation';
import { percentToPpm, ppmToPercent } from './tax-percent';
import type { CreateTaxRateRequest, EndTaxRateRequest, ListTaxRatesQuery } from './tax-rate.requests';

const day = (date: Date | null): string | null => date?.toISOString().slice(0, 10) ?? null;
const asDate = (value: string): Date => new Date(`${value}T00:00:00Z`);

export function toTaxRateResponse(rate: TaxRate) {
  return {
    rateId: rate.id, taxCode: rate.taxCode, countryCode: rate.countryCode, regionCode: rate.regionCode,
    ratePercent: ppmToPercent(rate.ratePpm), validFrom: day(rate.validFrom)!, validTo: day(rate.validTo),
    createdAt: rate.createdAt.toISOString(), updatedAt: rate.updatedAt.toISOString(),
  };
}

type TaxRateResponse = ReturnType<typeof toTaxRateResponse>;

/**
 * Tax rates over HTTP (admin writes), each create and end kept with its actor. Two rates of one code and
 * region never overlap in time (409 naming validFrom or validTo), so at most one applies on any day.
 */
@Injectable()
export class TaxRatesService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(query: ListTaxRatesQuery): Promise<Page<TaxRateResponse>> {
    const on = query.validOn ? asDate(query.validOn) : undefined;
    const where: Prisma.TaxRateWhereInput = {
      ...(query.taxCode && { taxCode: query.taxCode }),
      ...(query.countryCode && { countryCode: query.countryCode }),
      ...(on && { validFrom: { lte: on }, OR: [{ validTo: null }, { validTo: { gte: on } }] }),
    };
    return paginate(query, {
      rows: (window) => this.prisma.taxRate.findMany({ where, orderBy: [{ countryCode: 'asc' }, { regionCode: 'asc' }, { taxCode: 'asc' }, { validFrom: 'asc' }], ...window }),
      count: () => this.prisma.taxRate.count({ where }),
    }, toTaxRateResponse);
  }

  async get(id: string): Promise<TaxRateResponse> {
    const rate = await this.prisma.taxRate.findUnique({ where: { id } });
    if (!rate) throw notFound('tax rate', id);
    return toTaxRateResponse(rate);
  }

  async create(request: CreateTaxRateRequest, actor: Actor): Promise<TaxRateResponse> {
    if (request.validTo !== undefined && request.validTo < request.validFrom) throw fieldRejected('validTo', 'validTo must not be before validFrom');
    const at = this.clock.now();
    const rate = {
      taxCode: request.taxCode, countryCode: request.countryCode, regionCode: request.regionCode ?? null, ratePpm: percentToPpm(request.ratePercent),
      validFrom: asDate(request.validFrom), validTo: request.validTo ? asDate(request.validTo) : null,
    };
    return this.prisma.$transaction(async (tx) => {
      await lockScope(tx, rate);
      await assertNoOverlap(tx, rate, null, 'validFrom');
      const created = await tx.taxRate.create({ data: { id: randomUUID(), ...rate, createdAt: at, updatedAt: at } });
      await recordChange(tx, null, created, actor, at);
      return toTaxRateResponse(created);
    });
  }

  /** Sets the last day of a rate (ending it, or moving its end); 422 when before validFrom, 409 when it would overlap the next rate. */
  async end(id: string, request: EndTaxRateRequest, actor: Actor): Promise<TaxRateResponse> {
    const at = this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      const current = await tx.taxRate.findUnique({ where: { id } });
      if (!current) throw notFound('tax rate', id);
      await lockScope(tx, current);
      const validTo = asDate(request.validTo);
      if (validTo < current.validFrom) throw fieldRejected('validTo', `validTo must not be before the rate's validFrom ${day(current.validFrom)}`);
      await assertNoOverlap(tx, { ...current, validTo }, id, 'validTo');
      const after = await tx.taxRate.update({ where: { id }, data: { validTo, updatedAt: at } });
      await recordChange(tx, current, after, actor, at);
      return toTaxRateResponse(after);
    });
  }

  /** Every rate of the codes in the country, for the tax calculation (a handful of rows per country). */
  async ratesFor(tx: Prisma.TransactionClient, countryCode: string, taxCodes: string[]): Promise<TaxRateEntry[]> {
    const rows = await tx.taxRate.findMany({ where: { countryCode, taxCode: { in: [...new Set(taxCodes)] } } });
    return rows.map((r) => ({ taxCode: r.taxCode, countryCode: r.countryCode, regionCode: r.regionCode, ratePpm: r.ratePpm, validFrom: day(r.validFrom)!, validTo: day(r.validTo) }));
  }
}

type Scope = Pick<TaxRate, 'taxCode' | 'countryCode' | 'regionCode'>;

/** Serializes writes of one code and region, so two concurrent creates cannot both pass the overlap check. */
async function lockScope(tx: Prisma.TransactionClient, scope: Scope): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tax_rate:${scope.taxCode}:${scope.countryCode}:${scope.regionCode ?? ''}`}))`;
}

async function assertNoOverlap(tx: Prisma.TransactionClient, rate: Scope & Pick<TaxRate, 'validFrom' | 'validTo'>, exceptId: string | null, field: string): Promise<void> {
  const other = await tx.taxRate.findFirst({
    where: {
      taxCode: rate.taxCode, countryCode: rate.countryCode, regionCode: rate.regionCode,
      ...(exceptId && { id: { not: exceptId } }),
      ...(rate.validTo && { validFrom: { lte: rate.validTo } }),
      OR: [{ validTo: null }, { validTo: { gte: rate.validFrom } }],
    },
  });
  if (other) {
    const scope = `${rate.taxCode} in ${rate.countryCode}${rate.regionCode ? `-${rate.regionCode}` : ''}`;
    throw fieldConflict(field, `overlaps rate ${other.id} for ${scope} (${day(other.validFrom)} to ${day(other.validTo) ?? 'open-ended'}); end that rate first`);
  }
}

async function recordChange(tx: Prisma.TransactionClient, before: TaxRate | null, after: TaxRate, actor: Actor, at: Date): Promise<void> {
  const snapshot = (r: TaxRate) => ({ ratePercent: ppmToPercent(r.ratePpm), validFrom: day(r.validFrom), validTo: day(r.validTo) });
  await tx.taxRateChange.create({
    data: { rateId: after.id, ...(before && { before: snapshot(before) }), after: snapshot(after), actorSub: actor.sub, actorRole: actor.role, at },
  });
}
