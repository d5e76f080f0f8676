import type { Page, PageQuery } from './page.query';

/** The rows of one page (take/skip from the query) and the total matching the same filter. */
export interface PageSource<TRow> {
  rows: (window: { take: number; skip: number }) => Promise<TRow[]>;
  count: () => Promise<number>;
}

/**
 * Every list endpoint answers through here, so all of them share one shape
 * (`{ items, total, limit, offset }`) and one meaning of limit and offset.
 *
 * The page and the count are two statements, so a row committed between them
 * could give `total: 1` with no item (seen in CI: a poller read `items[0]` as
 * undefined). The answer is made to agree with the rows it carries: a short
 * page is the last one, so the total is exactly what lies before and on it; a
 * full page means at least that many.
 */
export async function paginate<TRow, TItem>(query: PageQuery, source: PageSource<TRow>, toItem: (row: TRow) => TItem): Promise<Page<TItem>> {
  const [rows, counted] = await Promise.all([source.rows({ take: query.limit, skip: query.offset }), source.count()]);
  return { items: rows.map(toItem), total: totalAgreeingWith(rows.length, counted, query), limit: query.limit, offset: query.offset };
}

export function totalAgreeingWith(rowsOnPage: number, counted: number, query: Pick<PageQuery, 'limit' | 'offset'>): number {
  const throughThisPage = query.offset + rowsOnPage;
  if (rowsOnPage === 0) return query.offset === 0 ? 0 : counted;
  if (rowsOnPage < query.limit) return throughThisPage;
  return Math.max(counted, throughThisPage);
}
