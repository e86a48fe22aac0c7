import type { ErrorRequestHandler, RequestHandler } from 'express';
import { fail } from '../contract/result.ts';
import type { Logger } from '../log.ts';

/** Errors as JSON in the shape of a failed Result, for the API and for anything else that is not found. */
export const notFound: RequestHandler = (request, response) => {
  response.status(404).json(fail(`not found: ${request.method} ${request.path}`));
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    // express and its parsers mark client errors with a status; anything else is our fault.
    const status = statusOf(error);
    if (status >= 500) log.error({ err: (error as Error).message, path: request.path }, 'request failed');
    if (response.headersSent) return;
    const retryAfter = (error as { retryAfterSec?: unknown } | null)?.retryAfterSec;
    if (typeof retryAfter === 'number') response.set('Retry-After', String(retryAfter));
    response.status(status).json(fail(status >= 500 ? 'internal error' : (error as Error).message));
  };
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
