import { Router, type Request, type Response } from 'express';
import { credentialsBody, meUpdateBody, policyName, setupBody } from '../../contract/accounts.ts';
import { FOREIGN_ORIGIN, type AccessControl, type UserPrincipal } from '../control.ts';
import { Refusal, badRequest, forbidden, unauthorized, validate } from '../../refusal.ts';
import { clearSessionCookie, sessionCookie } from '../cookie.ts';
import { hashPassword, verifyPassword } from '../accounts/password.ts';
import { randomToken } from '../accounts/secrets.ts';
import type { UserChange, UserRecord } from '../accounts/users.ts';
import { jsonBody } from '../../json-body.ts';
import { say } from '../../i18n.ts';
import { m } from '../../contract/messages/messages.js';

const json = jsonBody('16kb');

/**
 * `GET|POST|DELETE /session` (who am I, log in, log out), `GET|POST /setup` (the Owner, once) and `PATCH /me` (own
 * settings); mounted under `/api`.
 */
export function sessionRoutes(access: AccessControl): Router {
  const router = Router();
  const { auth } = access.options;
  // A login for an unknown user still costs one hash and one attempt: neither response times nor limits tell which
  // usernames exist.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= hashPassword(randomToken(), access.scryptCost));

  /** Logins and the set-up come without a session, hence without a CSRF token: the Origin rule guards them. */
  const requireOrigin = (request: Request) => {
    if (!access.originAllowed(request.headers)) throw forbidden(FOREIGN_ORIGIN);
  };

  const startSession = async (request: Request, response: Response, user: UserRecord) => {
    const { id, session } = await access.sessions.create(user.id);
    response.cookie(access.cookieName, id, sessionCookie(auth.cookieSecure, auth.session.maxAgeMs));
    return access.sessionView({ kind: 'user', user, session }, request.get('accept-language'));
  };

  /**
   * Checks a password against a stored hash (or the decoy) as one reserved login attempt: a 429 with Retry-After while
   * this username or address has tried too often, and the hash waits for its turn in the gate.
   */
  const tryPassword = async (username: string, ip: string, password: string, stored: string | undefined) => {
    const waitMs = await access.limiter.reserve(username, ip);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new Refusal(429, say(m.server_login_too_many, { seconds }), seconds);
    }
    const matches = await access.hashes.run(async () => verifyPassword(password, stored ?? (await decoyHash())));
    if (matches) await access.limiter.succeeded(username, ip);
    return matches;
  };

  router.get('/session', async (request, response) => {
    const principal = await access.userOfCookie(request.headers.cookie);
    if (!principal) throw unauthorized(say(m.server_session_none));
    response.json(await access.sessionView(principal, request.get('accept-language')));
  });

  router.post('/session', json, async (request, response) => {
    requireOrigin(request);
    const { username, password } = validate(credentialsBody, request.body);
    const user = await access.users.byUsername(username);
    const matches = await tryPassword(username, request.ip ?? 'unknown', password, user?.passwordHash);
    if (!user || !matches) throw unauthorized(say(m.server_login_wrong));
    // Only after the right password: a guesser learns nothing about which accounts are disabled.
    if (user.disabled) throw forbidden(say(m.server_login_disabled));
    response.json(await startSession(request, response, user));
  });

  router.delete('/session', access.requireUser(), async (request, response) => {
    const { session, user } = access.userOf(request);
    await access.sessions.end(session.hash, user.id);
    await access.events.publish({ type: 'sessionEnded', hash: session.hash });
    clearSessionCookie(response, auth.cookieSecure);
    response.status(204).end();
  });

  /** Whether the Owner is still to be created, and the language to greet a visitor in (server/contract/locale.ts). */
  router.get('/setup', async (request, response) => {
    response.json({ needed: await access.installation.setupNeeded(), locale: access.localeOf(request) });
  });

  router.post('/setup', json, async (request, response) => {
    requireOrigin(request);
    await access.installation.requireSetupOpen();
    const body = validate(setupBody, request.body);
    const passwordHash = await hashPassword(body.password, access.scryptCost);
    const owner = await access.users.createOwner({
      username: body.username,
      displayName: body.displayName ?? body.username,
      passwordHash,
    });
    await access.installation.check();
    response.status(201).json(await startSession(request, response, owner));
  });

  router.patch('/me', access.requireUser(), json, async (request, response) => {
    const principal = access.userOf(request);
    const { user, session } = principal;
    if ((await access.policiesOf(user)).settingsLocked) {
      throw forbidden((locale) =>
        m.server_settings_locked({ policy: policyName('settings.locked', locale) }, { locale }),
      );
    }
    const body = validate(meUpdateBody, request.body);
    const change: UserChange = {
      ...(body.displayName !== undefined && { displayName: body.displayName }),
      ...(body.locale !== undefined && { locale: body.locale }),
      ...(body.password && { passwordHash: await newPassword(request, principal, body.password) }),
    };
    const updated = await access.users.update(user.id, change);
    if (change.passwordHash) {
      await access.sessions.endAll(user.id, session.hash);
      await access.events.publish({ type: 'userRevoked', userId: user.id, keep: session.hash });
    }
    response.json(await access.sessionView({ ...principal, user: updated }, request.get('accept-language')));
  });

  /** The hash of a new own password; the current one must be given, and wrong guesses count as failed logins. */
  async function newPassword(
    request: Request,
    { user }: UserPrincipal,
    password: { current: string; next: string },
  ): Promise<string> {
    if (!(await tryPassword(user.username, request.ip ?? 'unknown', password.current, user.passwordHash))) {
      throw badRequest(say(m.server_password_current_wrong));
    }
    return hashPassword(password.next, access.scryptCost);
  }

  return router;
}
