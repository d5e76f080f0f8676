import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import { maskCardNumbers } from '../http/card-number';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Structured JSON logs (pino). Each HTTP request carries the caller's
 * correlation id, or a new one, so its log lines and the events it causes can
 * be joined across services.
 */
export function pinoOptions(serviceName: string, level: string): Options {
  return {
    level,
    base: { service: serviceName },
    messageKey: 'message',
    genReqId: (req: IncomingMessage) => {
      const given = req.headers[CORRELATION_HEADER];
      return (Array.isArray(given) ? given[0] : given) ?? randomUUID();
    },
    customProps: (req: IncomingMessage & { id?: unknown }) => ({ correlationId: req.id }),
    autoLogging: { ignore: (req: IncomingMessage) => Boolean(req.url?.startsWith('/health')) },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // A card number sent in a path or query (refused with 400) must not reach the logs through the request URL either.
    serializers: { req: maskRequest },
  };
}

type LoggedRequest = { url?: string; query?: Record<string, unknown>; params?: Record<string, unknown> };

/** The request as logged, with anything that looks like a card number in its URL, query or path parameters masked. */
function maskRequest(req: LoggedRequest): LoggedRequest {
  // Through JSON, so nested values (Express 5's params.splat array) are masked too; the mask contains no quote.
  const maskValues = (values?: Record<string, unknown>) => values && (JSON.parse(maskCardNumbers(JSON.stringify(values))) as Record<string, unknown>);
  return { ...req, ...(req.url && { url: maskCardNumbers(req.url) }), ...(req.query && { query: maskValues(req.query) }), ...(req.params && { params: maskValues(req.params) }) };
}
