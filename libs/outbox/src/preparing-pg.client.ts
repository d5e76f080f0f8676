import { Client } from 'pg';
import { StatementNames } from './statement-names';

/** One naming for the whole process: every pool's connections prepare a text under the same name. */
const processStatementNames = new StatementNames();

interface QueryConfig {
  text?: unknown;
  name?: unknown;
  values?: unknown;
  submit?: unknown;
}

/**
 * A pg client that sends statements it has seen repeatedly as named (prepared) statements; see
 * {@link StatementNames}. Only statements with parameters are named: those already go through the
 * extended protocol one statement at a time, while a text without parameters may hold several
 * statements (`BEGIN; SET LOCAL ...`), which only the simple protocol accepts.
 * For pg Pools (`Client` option) and Prisma's pg adapter alike.
 */
export class PreparingPgClient extends Client {
  // pg's overloads (text, config, submittable, callback) cannot be restated one by one in an override.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const query = super.query as (...queryArgs: unknown[]) => unknown;
    const named = withStatementName(args, processStatementNames);
    const result = query.apply(this, named);
    if (named === args || !(result instanceof Promise)) return result;
    // The failed run fails (its batch is retried); the text goes unnamed from then on, on every connection.
    return result.catch((error: unknown) => {
      if (isStalePlan(error)) processStatementNames.retire((named[0] as { text: string }).text);
      throw error;
    });
  }
}

/**
 * PostgreSQL's answers to a named statement that no longer works on a connection: its result columns changed
 * (0A000, after a migration), or the server does not have it (26000: pg closes a named statement whose
 * parameters it failed to serialise, yet may still count it as parsed on that connection).
 */
export const isStalePlan = (error: unknown): boolean => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '26000' || (code === '0A000' && /cached plan must not change result type/.test(String(message)));
};

/** The query arguments with a statement name added where one applies; otherwise the arguments as given. */
export function withStatementName(args: unknown[], names: StatementNames): unknown[] {
  const [first, second, ...rest] = args;
  if (typeof first === 'string') {
    if (!hasValues(second)) return args;
    const name = names.nameFor(first);
    return name === undefined ? args : [{ text: first, values: second, name }, ...rest];
  }
  if (typeof first !== 'object' || first === null) return args;
  const config = first as QueryConfig;
  if (typeof config.text !== 'string' || config.name !== undefined || typeof config.submit === 'function') return args;
  if (!hasValues(config.values) && !hasValues(second)) return args;
  const name = names.nameFor(config.text);
  return name === undefined ? args : [{ ...config, name }, ...args.slice(1)];
}

const hasValues = (values: unknown): boolean => Array.isArray(values) && values.length > 0;
