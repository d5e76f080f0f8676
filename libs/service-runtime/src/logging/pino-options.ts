import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';

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
  };
}
