import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Session ids, CSRF and kiosk tokens: 32 random bytes, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a bearer secret: a leaked Redis copy then opens no session and no kiosk. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Random ids of users, units, teams, policies and kiosks: not secret, just unique. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}
