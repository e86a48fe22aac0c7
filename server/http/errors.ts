import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { pickLocale, type Locale } from '../contract/locale.ts';
import { fail } from '../contract/result.ts';
import type { Logger } from '../log.ts';
import { Refusal } from '../refusal.ts';
import { isRedisUnavailable } from '../store/redis.ts';

/** Errors as JSON in the shape of a failed Result, for the API and for anything else that is not found. */
export const notFound: RequestHandler = (request, response) => {
  response.status(404).json(fail(`There is nothing at ${request.method} ${request.path}.`));
};

const REDIS_DOWN = 'The database (Redis) cannot be reached: try again in a few seconds.';

/**
 * Errors as a failed Result. A refusal (a client error, or a 5xx a part raised on purpose with `expose`, such as "too
 * busy") says why; Redis out of reach is a 503 with Retry-After, not logged again (the connection reported the outage
 * once); anything else is our fault: logged, and answered "internal error". A refusal speaks the asker's language
 * (`localeOf`: see AccessControl.localeOf).
 */
export function errorHandler(log: Logger, localeOf: (request: Request) => Locale = browserLocale): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const unavailable = isRedisUnavailable(error);
    const status = unavailable ? 503 : statusOf(error);
    const shown = unavailable || status < 500 || (error as { expose?: unknown } | null)?.expose === true;
    if (!shown) log.error({ err: (error as Error).message, path: request.path }, 'request failed');
    if (response.headersSent) return;
    const retryAfter = unavailable ? 5 : (error as { retryAfterSec?: unknown } | null)?.retryAfterSec;
    if (typeof retryAfter === 'number') response.set('Retry-After', String(retryAfter));
    response
      .status(status)
      .json(
        fail(
          unavailable
            ? REDIS_DOWN
            : error instanceof Refusal
              ? error.say(localeOf(request))
              : shown
                ? (error as Error).message
                : 'Something went wrong on the server: try again, and tell an administrator if it goes on.',
        ),
      );
  };
}

/** Without accounts (an app built for a test), the browser's language. */
function browserLocale(request: Request): Locale {
  return pickLocale({ acceptLanguage: request.get('accept-language') });
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
