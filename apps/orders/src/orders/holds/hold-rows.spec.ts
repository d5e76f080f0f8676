import type { OrderHold } from '../../generated/prisma/client';
import { holdSummary, toHoldV1 } from './hold-rows';

const hold = (overrides: Partial<OrderHold> = {}): OrderHold => ({
  id: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c40', seq: 1n, orderId: '5e8a1d2c-7b3f-4c9e-a1d0-3f6b2e8c4a30', type: 'manual', code: 'manual', reason: 'address check',
  placedBySub: 'csr-7', placedByRole: 'csr', placedAt: new Date('2026-03-02T09:00:00Z'),
  clearedAt: null, clearedBySub: null, clearedByRole: null, clearReason: null, ...overrides,
});

describe('hold rows', () => {
  it('sums up the open holds for holdReason, oldest first, a fraud hold only as "held for review"', () => {
    expect(holdSummary([])).toBeNull();
    expect(holdSummary([hold(), { type: 'fraud', reason: 'fraud score 80 reached 50: blockedEmails' }, { type: 'credit', reason: 'over the limit' }]))
      .toBe('address check; held for review; over the limit');
  });

  it('carries who placed a hold, and once cleared who cleared it, when and why', () => {
    expect(toHoldV1(hold())).toEqual({
      holdId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c40', type: 'manual', code: 'manual', reason: 'address check',
      placedBy: { sub: 'csr-7', role: 'csr' }, placedAt: '2026-03-02T09:00:00.000Z',
    });
    const cleared = hold({ clearedAt: new Date('2026-03-02T10:00:00Z'), clearedBySub: 'csr-8', clearedByRole: 'csr', clearReason: 'confirmed' });
    expect(toHoldV1(cleared)).toMatchObject({ clearedBy: { sub: 'csr-8', role: 'csr' }, clearedAt: '2026-03-02T10:00:00.000Z', clearReason: 'confirmed' });
  });
});
