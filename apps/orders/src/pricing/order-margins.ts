import type { OrderLine } from '../generated/prisma/client';
import { minorAmount } from '../orders/money';
import { roundPercent } from './pricing-rules';

/**
 * Cost and margin per line of a placed order, from the cost price kept at
 * placement; for staff only (GET /orders/{id} leaves it out for customers and
 * channels). Lines without a cost price show nulls.
 */
export function marginsOf(lines: OrderLine[]) {
  return lines.map((line) => {
    const costMinor = line.unitCostMinor === null ? null : minorAmount(line.unitCostMinor) * line.quantity;
    const netMinor = line.lineTotalMinor === null ? null : minorAmount(line.lineTotalMinor);
    const marginMinor = costMinor === null || netMinor === null ? null : netMinor - costMinor;
    return {
      line: line.position, unitCostMinor: line.unitCostMinor === null ? null : minorAmount(line.unitCostMinor), costMinor, marginMinor,
      marginPercent: marginMinor === null || !netMinor ? null : roundPercent((marginMinor / netMinor) * 100),
      marginAlert: line.marginAlert ?? false,
    };
  });
}
