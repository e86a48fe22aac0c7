import type { Result } from '../../server/contract/result.ts';
import { m } from '../../server/contract/messages/messages.js';

/**
 * The REST client of the web app. Every answer becomes a Result: the server's own `{ ok: false, error }` message when it
 * sends one (that message is written for the person reading it), else one naming the status. State-changing requests
 * carry the session's CSRF token.
 */
export interface ApiAnswer<T> {
  status: number;
  result: Result<T>;
}

let csrfToken: string | null = null;

/** The token of GET /api/session, sent as X-CSRF-Token on every change from now on; null after logging out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE = new Set(['GET', 'HEAD']);

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  const sent = init.headers as Record<string, string>;
  if (!SAFE.has(method) && csrfToken) sent['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) {
    sent['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return { status: 0, result: { ok: false, error: m.common_unreachable() } };
  }
  return { status: response.status, result: await readAnswer<T>(response) };
}

async function readAnswer<T>(response: Response): Promise<Result<T>> {
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): reported by status below.
  }
  if (response.ok) return { ok: true, data: parsed as T };
  return { ok: false, error: errorMessage(response.status, parsed) };
}

/** The server's message when the body is a failed Result, else one naming the status. */
export function errorMessage(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') return body.error;
  return m.common_server_answered({ status });
}
