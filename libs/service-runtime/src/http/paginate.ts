import type { Page, PageQuery } from './page.query';

/** The rows of one page (take/skip from the query) and the total matching the same filter. */
export interface PageSource<TRow> {
  rows: (window: { take: number; skip: number }) => Promise<TRow[]>;
  count: () => Promise<number>;
}

/**
 * Every list endpoint answers through here, so all of them share one shape
 * (`{ items, total, limit, offset }`) and one meaning of limit and offset.
 */
export async function paginate<TRow, TItem>(query: PageQuery, source: PageSource<TRow>, toItem: (row: TRow) => TItem): Promise<Page<TItem>> {
  const [rows, total] = await Promise.all([source.rows({ take: query.limit, skip: query.offset }), source.count()]);
  return { items: rows.map(toItem), total, limit: query.limit, offset: query.offset };
}
