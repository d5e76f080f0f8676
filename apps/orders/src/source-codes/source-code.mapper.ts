import type { SourceCode } from '../generated/prisma/client';
import type { SourceCodeTerms } from '../pricing/order-pricing.types';

export function chargesOf(code: SourceCode): SourceCodeTerms['charges'] {
  return code.charges as unknown as SourceCodeTerms['charges'];
}

export function discountPercentOf(code: SourceCode): number | null {
  return code.discountBasisPoints === null ? null : code.discountBasisPoints / 100;
}

/** What pricing applies of a (valid) source code. */
export function toSourceCodeTerms(code: SourceCode): SourceCodeTerms {
  return { code: code.code, discountPercent: discountPercentOf(code), freeShipping: code.freeShipping, charges: chargesOf(code) };
}

export function toSourceCodeResponse(code: SourceCode) {
  return {
    code: code.code,
    description: code.description,
    channel: code.channel,
    validFrom: code.validFrom.toISOString(),
    validTo: code.validTo?.toISOString() ?? null,
    discountPercent: discountPercentOf(code),
    freeShipping: code.freeShipping,
    charges: chargesOf(code),
    createdAt: code.createdAt.toISOString(),
    updatedAt: code.updatedAt.toISOString(),
    updatedBy: { sub: code.updatedBySub, role: code.updatedByRole },
  };
}
