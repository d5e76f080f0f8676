import { Prisma } from '../../generated/prisma/client';

/**
 * Every field of a model, its column, and how JSON carries it when its rows travel as a JSON column of another row
 * (an order's lines, its open holds) so one statement reads them: a bigint goes as text (a JSON number loses digits
 * past 2^53) and a timestamp as text with its offset, each turned back into the model's BigInt or Date. Typed by the
 * model, so a field added to the schema fails to compile until it is listed.
 */
export type JsonFields<T> = { readonly [K in keyof T]-?: readonly [column: string, kind?: 'bigint' | 'timestamp'] };

/** `json_build_object(...)` of one row of the table, fields named as the model names them. */
export function jsonObjectOf<T>(fields: JsonFields<T>): Prisma.Sql {
  const pairs = Object.entries<readonly [string, string?]>(fields)
    .map(([field, [column, kind]]) => `'${field}', ${column}${kind === 'bigint' ? '::text' : ''}`);
  return Prisma.raw(`json_build_object(${pairs.join(', ')})`);
}

/** Reads back, in place, a row built by {@link jsonObjectOf} of the same fields. */
export function fromJsonRow<T>(fields: JsonFields<T>, row: Record<string, unknown>): T {
  for (const [field, [, kind]] of Object.entries<readonly [string, string?]>(fields)) {
    const value = row[field];
    if (value === null || value === undefined || !kind) continue;
    row[field] = kind === 'bigint' ? BigInt(value as string) : new Date(value as string);
  }
  return row as T;
}
