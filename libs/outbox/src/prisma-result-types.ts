import { Decimal } from '@prisma/client/runtime/client';
import { types, type CustomTypesConfig } from 'pg';

/** text[]'s oid: its parser splits any array literal into the elements' texts (NULL as null). */
const TEXT_ARRAY: number = 1009;
const elements: (value: string) => Array<string | null> = types.getTypeParser(TEXT_ARRAY, 'text');
const each = <T>(parse: (value: string) => T) => (value: string): Array<T | null> => elements(value).map((e) => (e === null ? null : parse(e)));

// Without a zone PostgreSQL means UTC here, as Prisma reads it (pg would read the process's local time).
const timestamp = (value: string): Date => new Date(`${value.replace(' ', 'T')}Z`);
const date = (value: string): Date => new Date(`${value}T00:00:00Z`);
const time = (value: string): Date => new Date(`1970-01-01T${value}Z`);
const decimal = (value: string): Decimal => new Decimal(value);

/** Parsers by type oid, where pg's differ from what Prisma's `$queryRaw` returns. */
const parsers = new Map<number, (value: string) => unknown>([
  [20, BigInt], [1016, each(BigInt)], // int8, int8[]
  [1700, decimal], [1231, each(decimal)], // numeric, numeric[]
  [1114, timestamp], [1115, each(timestamp)], // timestamp, timestamp[]
  [1082, date], [1182, each(date)], // date, date[]
  [1083, time], [1183, each(time)], // time, time[]
]);

/**
 * pg result parsing that gives what Prisma's `$queryRaw` gives for the same statement: int8 as BigInt,
 * numeric as Prisma's Decimal, timestamp, date and time as UTC Dates (the rest, timestamptz, json,
 * int4, float, bool, text and their arrays, pg already parses alike). So SQL written for a Prisma
 * transaction, and the code reading its rows, runs unchanged on a pg one.
 */
export const prismaResultTypes: CustomTypesConfig = {
  // pg asks for every column's oid, array types included (the typings list only the scalar ones).
  getTypeParser: (oid: number, format: 'text' | 'binary' = 'text') =>
    (format === 'text' && parsers.get(oid)) || types.getTypeParser(oid, format),
};
