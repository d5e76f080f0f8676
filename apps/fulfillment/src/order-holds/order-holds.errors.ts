import { ConflictException } from '@nestjs/common';
import type { OpenOrderHold } from './open-order-holds';

/**
 * The warehouse step was refused because the order has open holds (Dynamics AX:
 * a held order is not picked, packed or shipped until its holds are cleared).
 * The message names the order and the hold types; the stock stays reserved.
 */
export class OrderOnHoldError extends Error {
  constructor(readonly orderId: string, readonly holds: readonly OpenOrderHold[], step: string) {
    super(`order ${holds[0]?.orderNumber ?? orderId} is on hold (${[...new Set(holds.map((h) => h.type))].join(', ')}) and ${step}`);
  }
}

/** Maps the hold refusal to HTTP at the controller; anything else passes unchanged. */
export function orderHoldsHttpError(error: unknown): unknown {
  return error instanceof OrderOnHoldError ? orderOnHoldConflict(error) : error;
}

/** 409 naming `orderId` and listing the open holds, so a client can show which to clear. */
export function orderOnHoldConflict(error: OrderOnHoldError): ConflictException {
  return new ConflictException({
    statusCode: 409, error: 'Conflict', message: error.message, errors: [{ field: 'orderId', messages: [error.message] }],
    holds: error.holds.map((h) => ({ holdId: h.holdId, type: h.type, code: h.code })),
  });
}
