import { randomUUID } from 'node:crypto';
import { shareCondition, WHOLE } from './due-claim.sql';

/** The lanes whose condition `id` meets, compared as PostgreSQL compares uuids (byte order = lower-case hex order). */
function lanesOf(id: string, lanes: number): number[] {
  return Array.from({ length: lanes }, (_, lane) => lane).filter((lane) => {
    const { text, values } = shareCondition({ lane, lanes });
    const bounds = [...values] as string[];
    const lower = text.includes('id >=') ? bounds.shift()! : null;
    const upper = text.includes('id <') ? bounds.shift()! : null;
    return (lower === null || id >= lower) && (upper === null || id < upper);
  });
}

describe('shareCondition', () => {
  it('puts no condition on a single lane', () => {
    expect(shareCondition(WHOLE).text.trim()).toBe('');
  });

  it('splits the ids into disjoint ranges that cover every id, for any number of lanes', () => {
    const edges = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '7fffffff-ffff-ffff-ffff-ffffffffffff', '80000000-0000-0000-0000-000000000000'];
    const ids = [...edges, ...Array.from({ length: 200 }, () => randomUUID())];
    for (const lanes of [2, 3, 8]) {
      for (const id of ids) expect(lanesOf(id, lanes)).toHaveLength(1);
    }
    expect(lanesOf('7fffffff-ffff-ffff-ffff-ffffffffffff', 2)).toEqual([0]);
    expect(lanesOf('80000000-0000-0000-0000-000000000000', 2)).toEqual([1]);
  });
});
