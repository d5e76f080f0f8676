import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';

/** Prisma's codes for "no connection or transaction slot in time" (P2024 pool, P2028 transaction API). */
const BUSY_CODES = new Set(['P2024', 'P2028']);

/** True when the error says the database was too busy, not that the request was wrong. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && BUSY_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return message.includes('timeout exceeded when trying to connect');
}

/**
 * A request that found the database saturated gets 503 with Retry-After, so a
 * client retries it, instead of a 500 that reads as a bug. Everything else is
 * left to Nest's own handling.
 */
@Catch()
export class DatabaseBusyFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('DatabaseBusy');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || !isDatabaseBusy(exception)) return super.catch(exception, host);
    this.logger.warn(`database busy: ${exception instanceof Error ? exception.message.trim().split('\n').pop() : ''}`);
    const response = host.switchToHttp().getResponse<Response>();
    response.status(503).setHeader('Retry-After', '1').json({
      statusCode: 503, error: 'Service Unavailable', message: 'the database is busy; retry shortly',
    });
  }
}
