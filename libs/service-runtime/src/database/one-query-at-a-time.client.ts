import { PreparingPgClient } from '@oms/outbox';

/**
 * A pg client that sends its next query only when the previous one has settled, for Prisma's pool.
 *
 * Prisma's query interpreter runs the child queries of an `include` naming two or more relations at once
 * (`Promise.all` over its join node's children), and inside an interactive transaction they all go to
 * the transaction's one connection. pg queues them itself but warns that queueing is deprecated ("Calling
 * client.query() when the client is already executing a query", removed in pg 9). Chaining them here
 * keeps the same order and the same round trips (one connection runs one query at a time either way)
 * without relying on that queue. Callback and submittable calls (pg's Pool, cursors) pass straight through.
 * Statements it sees repeatedly go out prepared (PreparingPgClient).
 */
export class OneQueryAtATimeClient extends PreparingPgClient {
  #tail: Promise<unknown> = Promise.resolve();

  // pg's overloads (text, config, submittable, callback) cannot be restated one by one in an override.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const [first] = args;
    const passThrough = typeof args.at(-1) === 'function' || (typeof first === 'object' && first !== null && typeof (first as { submit?: unknown }).submit === 'function');
    const query = super.query as (...queryArgs: unknown[]) => Promise<unknown>;
    const send = () => query.apply(this, args); // never with the previous query's outcome as an argument
    if (passThrough) return send();
    const result = this.#tail.then(send, send);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
