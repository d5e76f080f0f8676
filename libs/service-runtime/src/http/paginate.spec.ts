import { paginate, totalAgreeingWith } from './paginate';
import { PageQuery } from './page.query';

describe('paginate', () => {
  it('passes the window to the query and answers the one list shape', async () => {
    const query = Object.assign(new PageQuery(), { limit: 2, offset: 4 });
    const rows = jest.fn(async ({ take, skip }: { take: number; skip: number }) => Array.from({ length: take }, (_, i) => skip + i));
    const page = await paginate(query, { rows, count: async () => 9 }, (n) => ({ n }));
    expect(rows).toHaveBeenCalledWith({ take: 2, skip: 4 });
    expect(page).toEqual({ items: [{ n: 4 }, { n: 5 }], total: 9, limit: 2, offset: 4 });
  });

  it('defaults to the first 50', () => {
    expect(new PageQuery()).toMatchObject({ limit: 50, offset: 0 });
  });

  describe('a total that agrees with the page it comes with (rows and count are two statements)', () => {
    const at = (limit: number, offset: number) => ({ limit, offset });
    it('a row committed between the two never gives a total without its item', () => {
      expect(totalAgreeingWith(0, 1, at(50, 0))).toBe(0);
      expect(totalAgreeingWith(1, 0, at(50, 0))).toBe(1);
    });
    it('a short page is the last one: the total is what lies before and on it', () => {
      expect(totalAgreeingWith(3, 9, at(5, 5))).toBe(8);
    });
    it('a full page means at least that many, and the count when it says more', () => {
      expect(totalAgreeingWith(5, 2, at(5, 5))).toBe(10);
      expect(totalAgreeingWith(5, 40, at(5, 5))).toBe(40);
    });
    it('an empty page past the end keeps the count', () => {
      expect(totalAgreeingWith(0, 7, at(5, 20))).toBe(7);
    });
  });
});
