import { Client } from 'pg';
import { OneQueryAtATimeClient } from './one-query-at-a-time.client';

describe('OneQueryAtATimeClient', () => {
  let active = 0;
  let most = 0;
  const sent: unknown[][] = [];

  beforeEach(() => {
    [active, most, sent.length] = [0, 0, 0];
    // pg's own query, as the connection would run it: one round trip, failing for 'bad'.
    jest.spyOn(Client.prototype, 'query').mockImplementation(((...args: unknown[]) => {
      sent.push(args);
      const [text, callback] = args as [string, unknown];
      if (typeof callback === 'function') return void (callback as (error: Error | null) => void)(null);
      active += 1;
      most = Math.max(most, active);
      return new Promise((resolve, reject) => setTimeout(() => {
        active -= 1;
        if (text === 'bad') reject(new Error('bad query'));
        else resolve({ rows: [text] });
      }, 5));
    }) as never);
  });

  afterEach(() => jest.restoreAllMocks());

  it('sends queries issued at once one after another, in call order, each answered with its own result', async () => {
    const client = new OneQueryAtATimeClient();
    const results = await Promise.all([client.query('a'), client.query('b', ['value']), client.query('c')]);
    expect(most).toBe(1);
    // Each with its own arguments only (never the previous query's result appended as its values).
    expect(sent).toEqual([['a'], ['b', ['value']], ['c']]);
    expect(results.map((result: { rows: string[] }) => result.rows[0])).toEqual(['a', 'b', 'c']);
  });

  it('a failed query rejects alone and the next one still runs', async () => {
    const client = new OneQueryAtATimeClient();
    const [bad, good] = await Promise.allSettled([client.query('bad'), client.query('good')]);
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('bad query') });
    expect(good).toMatchObject({ status: 'fulfilled', value: { rows: ['good'] } });
    expect(most).toBe(1);
  });

  it('passes callback calls (pg Pool.query) straight through', () => {
    const client = new OneQueryAtATimeClient();
    const callback = jest.fn();
    client.query('now', callback);
    expect(callback).toHaveBeenCalledWith(null);
  });
});
