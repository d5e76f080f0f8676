import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { FieldError } from './field-validation.pipe';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Largest JSON body a service reads; every request of ours is far smaller. */
export const MAX_BODY_BYTES = 100 * 1024;

function fail(res: Response, statusCode: number, error: string, message: string, errors: FieldError[]): void {
  res.status(statusCode).json({ statusCode, error, message, errors });
}

/** `application/json`, optionally with `charset=utf-8`; nothing else is parsed. */
function isJsonContentType(header: string): boolean {
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter));
}

/**
 * 415 for a POST, PUT, PATCH or DELETE whose body is not JSON: a Content-Type other
 * than application/json, or a body without one. A bodyless request (an action
 * such as POST /orders/{id}/close) needs no Content-Type. Runs before any
 * parser, so a form-encoded or text body never reaches a route.
 */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (!WITH_BODY.has(req.method)) return next();
  const contentType = req.headers['content-type'];
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (contentType === undefined ? !hasBody : isJsonContentType(contentType)) return next();
  const message = `${req.method} bodies must be JSON: send Content-Type: application/json`;
  fail(res, 415, 'Unsupported Media Type', message, [
    { field: 'content-type', messages: [`content-type ${contentType === undefined ? 'is missing' : `"${contentType}" is not supported`}; ${message}`] },
  ]);
}

/** The JSON body parser every service uses (before Nest's own, which then finds the body read). */
export function jsonBodyParser(): RequestHandler {
  return json({ limit: MAX_BODY_BYTES, strict: true });
}

/**
 * Answers body-parser failures as JSON naming `body`, in the same shape as
 * validation errors, instead of Express's HTML error page: 400 for malformed
 * JSON, 413 for a body over {@link MAX_BODY_BYTES}, 415 for another charset.
 */
export function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') {
    return fail(res, 400, 'Bad Request', 'Request body is not valid JSON', [
      { field: 'body', messages: [`body is not valid JSON: ${(error as Error).message}`] },
    ]);
  }
  if (type === 'entity.too.large') {
    return fail(res, 413, 'Payload Too Large', `Request body exceeds ${MAX_BODY_BYTES} bytes`, [
      { field: 'body', messages: [`body must not exceed ${MAX_BODY_BYTES} bytes`] },
    ]);
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return fail(res, 415, 'Unsupported Media Type', (error as Error).message, [{ field: 'content-type', messages: [(error as Error).message] }]);
  }
  next(error);
}
