import { paginate } from './paginate';
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
});
