import { fieldRejected } from '@oms/service-runtime';
import type { SourceCodeTerms } from '../pricing/order-pricing.types';

/** What a code may look like in any case (stored upper-case); anything else cannot exist. */
export const SOURCE_CODE_PATTERN_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** A source code as stored, before and after a change. */
export interface SourceCodeShape {
  channel: string;
  validFrom: Date;
  validTo: Date | null;
  freeShipping: boolean;
  charges: SourceCodeTerms['charges'];
}

/** Rules spanning fields, checked on the code as it would be saved (after a PATCH is merged). */
export function assertSourceCodeConsistent(code: SourceCodeShape): void {
  if (code.validTo && code.validTo <= code.validFrom) throw fieldRejected('validTo', 'validTo must be later than validFrom');
  const keys = code.charges.map((charge) => `${charge.type}:${charge.currency}`);
  const twice = keys.findIndex((key, i) => keys.indexOf(key) !== i);
  if (twice >= 0) throw fieldRejected(`charges.${twice}`, `the ${code.charges[twice]!.type} charge in ${code.charges[twice]!.currency} is listed twice`);
  const shipping = code.charges.findIndex((charge) => charge.type === 'shipping');
  if (code.freeShipping && shipping >= 0) throw fieldRejected(`charges.${shipping}.type`, 'a free-shipping code cannot also charge shipping');
}

/** Why an order (channel, at) may not use this code, or null when it may. */
export function sourceCodeRefusal(code: { code: string } & Pick<SourceCodeShape, 'channel' | 'validFrom' | 'validTo'>, channel: string, at: Date): string | null {
  if (code.channel !== channel) return `source code ${code.code} is for ${code.channel} orders, not ${channel}`;
  if (at < code.validFrom) return `source code ${code.code} is not valid before ${code.validFrom.toISOString()}`;
  if (code.validTo && at >= code.validTo) return `source code ${code.code} expired at ${code.validTo.toISOString()}`;
  return null;
}
