import type { CookieOptions, Response } from 'express';

/** The session cookie: its name, reading it from a request, setting and clearing it. */

/** With TLS the cookie takes the `__Host-` prefix: the browser then refuses it from plain HTTP or another path. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-tablica-session' : 'tablica-session';
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return null;
}

export function sessionCookie(secure: boolean, maxAgeMs: number): CookieOptions {
  // Lax keeps the session on a link from elsewhere (a bookmark, a chat message) but not on a cross-site POST.
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeMs };
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(cookieName(secure), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
