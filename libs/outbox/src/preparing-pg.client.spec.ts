import { Client } from 'pg';
import { isStalePlan, PreparingPgClient, withStatementName } from './preparing-pg.client';
import { MAX_PREPARED, PREPARE_AFTER, StatementNames } from './statement-names';

const sendTimes = (names: StatementNames, text: string, times: number) =>
  Array.from({ length: times }, () => names.nameFor(text));

describe('StatementNames', () => {
  it('names a text from its third sending on, always with the same name', () => {
    const names = new StatementNames();
    const sent = sendTimes(names, 'SELECT $1::int', PREPARE_AFTER + 2);
    expect(sent.slice(0, PREPARE_AFTER - 1)).toEqual([undefined, undefined]);
    expect(new Set(sent.slice(PREPARE_AFTER - 1)).size).toBe(1);
    expect(sent.at(-1)).toMatch(/^oms_[\w-]{27}$/);
  });

  it('gives the same text the same name in every instance (every pool of a process agrees) and other texts other names', () => {
    const [a, b] = [new StatementNames(), new StatementNames()];
    expect(sendTimes(a, 'SELECT $1', 3).at(-1)).toBe(sendTimes(b, 'SELECT $1', 3).at(-1));
    expect(sendTimes(a, 'SELECT $2', 3).at(-1)).not.toBe(sendTimes(a, 'SELECT $1', 3).at(-1));
  });

  it('sends a retired text unnamed for good', () => {
    const names = new StatementNames();
    expect(sendTimes(names, 'SELECT *, $1', PREPARE_AFTER).at(-1)).toMatch(/^oms_/);
    names.retire('SELECT *, $1');
    expect(sendTimes(names, 'SELECT *, $1', PREPARE_AFTER + 1)).toEqual(Array(PREPARE_AFTER + 1).fill(undefined));
  });

  it('stops naming new texts after MAX_PREPARED distinct ones, and keeps the names it gave', () => {
    const names = new StatementNames();
    for (let i = 0; i < MAX_PREPARED; i += 1) sendTimes(names, `SELECT ${i}, $1`, PREPARE_AFTER);
    expect(sendTimes(names, 'SELECT one more, $1', 10)).toEqual(Array(10).fill(undefined));
    expect(names.nameFor('SELECT 0, $1')).toMatch(/^oms_/);
  });
});

describe('withStatementName', () => {
  const named = () => {
    const names = new StatementNames();
    sendTimes(names, 'SELECT $1', PREPARE_AFTER - 1);
    return names;
  };

  it('turns (text, values) into a named config, keeping a callback', () => {
    const callback = () => undefined;
    const [config, rest] = withStatementName(['SELECT $1', [1], callback], named());
    expect(config).toEqual({ text: 'SELECT $1', values: [1], name: expect.stringMatching(/^oms_/) });
    expect(rest).toBe(callback);
  });

  it('names a config object (Prisma adapter: config with rowMode and types, values as the second argument)', () => {
    const types = { getTypeParser: () => String };
    const [config, values] = withStatementName([{ text: 'SELECT $1', rowMode: 'array', types }, [1]], named());
    expect(config).toEqual({ text: 'SELECT $1', rowMode: 'array', types, name: expect.stringMatching(/^oms_/) });
    expect(values).toEqual([1]);
  });

  it('leaves statements without parameters (BEGIN; SET LOCAL ... takes the simple protocol), named ones and submittables alone', () => {
    const names = named();
    const begin = ['BEGIN; SET LOCAL x = 1'];
    expect(withStatementName(begin, names)).toBe(begin);
    const empty = ['SELECT $1', []];
    expect(withStatementName(empty, names)).toBe(empty);
    const own = [{ text: 'SELECT $1', values: [1], name: 'mine' }];
    expect(withStatementName(own, names)).toBe(own);
    const cursor = [{ text: 'SELECT $1', values: [1], submit: () => undefined }];
    expect(withStatementName(cursor, names)).toBe(cursor);
  });
});

describe('PreparingPgClient', () => {
  afterEach(() => jest.restoreAllMocks());

  it('retires a statement PostgreSQL calls stale (a migration changed its columns): the failed run fails, later runs go unnamed', async () => {
    const sent: unknown[][] = [];
    const stale = Object.assign(new Error('cached plan must not change result type'), { code: '0A000' });
    jest.spyOn(Client.prototype, 'query').mockImplementation(((...args: unknown[]) => {
      sent.push(args);
      const named = typeof args[0] === 'object' && (args[0] as { name?: string }).name !== undefined;
      return named && sent.length === PREPARE_AFTER + 1 ? Promise.reject(stale) : Promise.resolve({ rows: [] });
    }) as never);
    const client = new PreparingPgClient();
    const text = 'SELECT * FROM preparing_spec_table WHERE id = $1';
    for (let i = 0; i < PREPARE_AFTER; i += 1) await client.query(text, [i]);
    await expect(client.query(text, [9])).rejects.toBe(stale);
    await client.query(text, [10]);
    expect(sent.map(([first]) => typeof first === 'object' && (first as { name?: string }).name !== undefined))
      .toEqual([false, false, true, true, false]);
  });

  it('knows a stale or missing prepared statement by its code (and, for 0A000, its message) only', () => {
    expect(isStalePlan(Object.assign(new Error('cached plan must not change result type'), { code: '0A000' }))).toBe(true);
    expect(isStalePlan(Object.assign(new Error('something else'), { code: '0A000' }))).toBe(false);
    expect(isStalePlan(Object.assign(new Error('prepared statement "oms_x" does not exist'), { code: '26000' }))).toBe(true);
    expect(isStalePlan(new Error('cached plan must not change result type'))).toBe(false);
  });
});
