import { ConflictException } from '@nestjs/common';
import type { OpenOrderHold } from './open-order-holds';
import { orderHoldsHttpError, OrderOnHoldError } from './order-holds.errors';

const hold = (holdId: string, type: string, code: string): OpenOrderHold => ({
  holdId, orderId: 'o-1', orderNumber: 'SO-12', type, code, placedBySub: 'csr-ann', placedByRole: 'csr', placedAt: new Date('2026-03-01T08:00:00Z'),
});

describe('OrderOnHoldError', () => {
  it('names the order by its number and each hold type once, in the order placed', () => {
    const error = new OrderOnHoldError('o-1', [hold('h1', 'fraud', 'fraud-score'), hold('h2', 'manual', 'a'), hold('h3', 'fraud', 'rep')], 'cannot be shipped');
    expect(error.message).toBe('order SO-12 is on hold (fraud, manual) and cannot be shipped');
  });

  it('is a 409 at the HTTP edge naming orderId and listing the holds; other errors pass unchanged', () => {
    const mapped = orderHoldsHttpError(new OrderOnHoldError('o-1', [hold('h1', 'credit', 'credit-limit')], 'cannot be shipped'));
    expect(mapped).toBeInstanceOf(ConflictException);
    expect((mapped as ConflictException).getResponse()).toEqual({
      statusCode: 409, error: 'Conflict', message: 'order SO-12 is on hold (credit) and cannot be shipped',
      errors: [{ field: 'orderId', messages: ['order SO-12 is on hold (credit) and cannot be shipped'] }],
      holds: [{ holdId: 'h1', type: 'credit', code: 'credit-limit' }],
    });
    const other = new Error('boom');
    expect(orderHoldsHttpError(other)).toBe(other);
  });
});
