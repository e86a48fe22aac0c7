import type { IncomingHttpHeaders } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Redis } from '../redis-client.ts';
import type { EffectivePolicies, Role, SessionView } from '../contract/accounts.ts';
import { pickLocale, type Locale } from '../contract/locale.ts';
import { layoutScopesFor } from '../contract/layout.ts';
import type { AuthConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { kioskScope, scopeFor, wholeBoard, type Scope } from './scope.ts';
import type { Org } from './org/model.ts';
import { effectivePolicies } from './org/policies.ts';
import { OrgStore } from './org/store.ts';
import type { Origins } from './origin.ts';
import { accessKeys } from '../store/keys.ts';
import { Refusal, forbidden, unauthorized } from '../refusal.ts';
import { m } from '../contract/messages/messages.js';
import { roleName } from '../contract/role-names.ts';
import { say, type Localized } from '../i18n.ts';
import { Gate, HASHES_AT_ONCE } from '../gate.ts';
import { AccessEvents } from './events.ts';
import { cookieName, readCookie } from './cookie.ts';
import { KioskStore, type KioskRecord } from './accounts/kiosks.ts';
import { LoginLimiter } from './accounts/login-limit.ts';
import { Installation } from './installation.ts';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './accounts/password.ts';
import { sameSecret } from './accounts/secrets.ts';
import { SessionStore, type Session } from './accounts/sessions.ts';
import { userView, UserStore, type UserRecord } from './accounts/users.ts';

/** Who is asking: a logged-in user, or a wall TV with a kiosk token. */
export type Principal = UserPrincipal | KioskPrincipal;
export interface UserPrincipal {
  readonly kind: 'user';
  readonly user: UserRecord;
  readonly session: Session;
}
export interface KioskPrincipal {
  readonly kind: 'kiosk';
  readonly kiosk: KioskRecord;
  readonly creator: UserRecord;
}

export interface AccessControlOptions {
  /** The store connection. */
  readonly redis: Redis;
  /** A connection of its own for the access events channel (a subscribed connection can do nothing else). */
  readonly subscriber: Redis;
  readonly prefix: string;
  readonly auth: AuthConfig;
  /** The pages a browser may act from: logins, changes and sockets from any other are refused. */
  readonly origins: Origins;
  readonly log: Logger;
  readonly scryptCost?: ScryptCost;
  /** Bounds the login hashes running and waiting at once (default: as many as cores run, 32 wait). */
  readonly hashGate?: Gate;
  readonly clock?: () => number;
  /** When given, a kiosk can only be made for a layout that exists and its creator may read. */
  readonly layoutReadable?: (id: string, creator: UserPrincipal) => Promise<boolean>;
  /** When given, a unit can only be given queues the board knows (and keep those it had). */
  readonly knownQueues?: () => Promise<readonly string[]>;
}

/** A login, set-up or change sent from a page the board does not serve (server/access/origin.ts). */
export const FOREIGN_ORIGIN = "The request comes from a page of another site: only the board's own pages may send it.";

export const ADMIN_ROLES: readonly Role[] = ['owner', 'administrator'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Accounts, sessions, units, teams, policies and kiosks behind one object, and the decisions made from them: who a
 * request or a socket is, and what they may see.
 */
export class AccessControl {
  readonly keys;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly limiter: LoginLimiter;
  readonly org: OrgStore;
  readonly kiosks: KioskStore;
  readonly events: AccessEvents;
  readonly scryptCost: ScryptCost;
  readonly installation: Installation;
  /** Bounds the logins' password hashes running at once. */
  readonly hashes: Gate;
  /** Who each admitted request is, for the route that handles it. */
  private readonly requests = new WeakMap<Request, Principal>();

  constructor(readonly options: AccessControlOptions) {
    const { redis, auth, clock } = options;
    this.keys = accessKeys(options.prefix);
    this.users = new UserStore(redis, this.keys, clock);
    this.sessions = new SessionStore(redis, this.keys, auth.session, clock);
    this.limiter = new LoginLimiter(redis, this.keys, auth.login);
    this.org = new OrgStore(redis, this.keys, this.users);
    this.kiosks = new KioskStore(redis, this.keys, clock);
    this.events = new AccessEvents(redis, options.subscriber, this.keys.events, options.log);
    this.scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.installation = new Installation({
      redis,
      keys: this.keys,
      users: this.users,
      owner: auth.owner,
      scryptCost: this.scryptCost,
      log: options.log,
      ...(clock && { clock }),
    });
    // A scrypt takes a core for tens of milliseconds and 32 MiB: a burst of logins from many addresses queues.
    this.hashes =
      options.hashGate ??
      new Gate({
        running: HASHES_AT_ONCE,
        waiting: 32,
        refused: () => new Refusal(503, say(m.server_refusal_logins_busy), 1),
      });
  }

  /**
   * Listens for revocations, tells a first start from a Redis that lost its data, and creates the Owner from
   * OWNER_USERNAME / OWNER_PASSWORD if there is none.
   */
  async start(): Promise<void> {
    await this.events.start();
    await this.installation.check();
  }

  get cookieName(): string {
    return cookieName(this.options.auth.cookieSecure);
  }

  originAllowed(headers: IncomingHttpHeaders): boolean {
    return this.options.origins.allows(headers.origin);
  }

  /** The user of a session cookie, if the session is live and the account enabled; the session's idle time restarts. */
  async userOfCookie(cookieHeader: string | undefined): Promise<UserPrincipal | null> {
    const id = readCookie(cookieHeader, this.cookieName);
    const session = id === null ? null : await this.sessions.touch(id);
    const user = session && (await this.users.get(session.userId));
    return user && session && !user.disabled ? { kind: 'user', user, session } : null;
  }

  /** The kiosk of a token, if it is live and its creator still an enabled administrator. */
  async kioskOfToken(token: string): Promise<KioskPrincipal | null> {
    const kiosk = await this.kiosks.byToken(token);
    const creator = kiosk && (await this.users.get(kiosk.createdBy));
    return kiosk && creator && this.mayKeepKiosks(creator) ? { kind: 'kiosk', kiosk, creator } : null;
  }

  /**
   * A principal authenticated earlier, as it is now (its account re-read: role and interfaces may have changed); null
   * when its session or kiosk has ended. Sockets ask this now and then, without prolonging the session.
   */
  async revalidate(principal: Principal): Promise<Principal | null> {
    if (principal.kind === 'user') {
      const [session, user] = await Promise.all([
        this.sessions.peek(principal.session.hash),
        this.users.get(principal.user.id),
      ]);
      return session && user && !user.disabled ? { kind: 'user', user, session: principal.session } : null;
    }
    const [kiosk, creator] = await Promise.all([
      this.kiosks.get(principal.kiosk.id),
      this.users.get(principal.creator.id),
    ]);
    return kiosk && this.kiosks.live(kiosk) && creator && this.mayKeepKiosks(creator)
      ? { kind: 'kiosk', kiosk, creator }
      : null;
  }

  /** What the principal may see; `org` saves reading it again when many principals are scoped at once. */
  async scopeOf(principal: Principal, org?: Org): Promise<Scope> {
    const current = org ?? (await this.org.load());
    return principal.kind === 'user' ? scopeFor(principal.user, current) : kioskScope(principal.creator, current);
  }

  async policiesOf(user: UserRecord): Promise<EffectivePolicies> {
    return effectivePolicies(user, await this.org.load());
  }

  async sessionView(principal: UserPrincipal, acceptLanguage?: string): Promise<SessionView> {
    return {
      user: userView(principal.user),
      locale: this.localeOfUser(principal.user, acceptLanguage),
      csrfToken: principal.session.csrfToken,
      policies: await this.policiesOf(principal.user),
      layoutScopes: layoutScopesFor(!wholeBoard(await this.scopeOf(principal))),
    };
  }

  /**
   * Express middleware: a logged-in, enabled user with one of `roles` (any role when absent). A state-changing request
   * must also come from an allowed origin and carry the session's CSRF token in X-CSRF-Token. With `wholeBoard`,
   * a unit administrator is refused: managing accounts, units, teams and policies would let them widen their own view.
   */
  requireUser(roles?: readonly Role[], options: { wholeBoard?: boolean } = {}): RequestHandler {
    return async (request, _response, next) => {
      const principal = await this.userOfCookie(request.headers.cookie);
      if (!principal) throw unauthorized();
      if (!SAFE_METHODS.has(request.method)) {
        if (!this.originAllowed(request.headers)) throw forbidden(FOREIGN_ORIGIN);
        const token = request.get('x-csrf-token');
        if (!token || !sameSecret(token, principal.session.csrfToken)) {
          throw forbidden(say(m.server_refusal_csrf));
        }
      }
      // Known from here on, so that a refusal of the role speaks the user's language (localeOf).
      this.requests.set(request, principal);
      if (roles && !roles.includes(principal.user.role)) throw forbidden(needsRole(roles));
      if (options.wholeBoard && !wholeBoard(await this.scopeOf(principal))) {
        throw forbidden(say(m.admin_refusal_whole_board));
      }
      next();
    };
  }

  /**
   * Express middleware for read-only resources a wall TV needs as well (the live state, its layout): a user as
   * requireUser() admits, or a kiosk token in `Authorization: Bearer <token>` on a GET. Read the result with viewerOf.
   */
  requireViewer(): RequestHandler {
    const user = this.requireUser();
    return async (request, response, next) => {
      const bearer = /^Bearer (\S+)$/.exec(request.get('authorization') ?? '')?.[1];
      if (bearer === undefined) return user(request, response, next);
      if (!SAFE_METHODS.has(request.method)) throw forbidden(say(m.server_refusal_kiosk_read_only));
      const kiosk = await this.kioskOfToken(bearer);
      if (!kiosk) throw unauthorized(say(m.server_refusal_kiosk_revoked));
      this.requests.set(request, kiosk);
      next();
    };
  }

  /**
   * The language to answer a request in: the admitted user's saved one, else DEFAULT_LOCALE, else the browser's
   * Accept-Language (server/contract/locale.ts).
   */
  localeOf(request: Request): Locale {
    const principal = this.requests.get(request);
    return this.localeOfUser(principal?.kind === 'user' ? principal.user : null, request.get('accept-language'));
  }

  /** The language of `user` (null: a visitor, or a wall TV) whose browser sends `acceptLanguage`. */
  localeOfUser(user: UserRecord | null, acceptLanguage?: string): Locale {
    return pickLocale({ saved: user?.locale, acceptLanguage, defaultLocale: this.options.auth.defaultLocale });
  }

  /** The user requireUser admitted. */
  userOf(request: Request): UserPrincipal {
    const principal = this.requests.get(request);
    if (principal?.kind !== 'user') throw unauthorized();
    return principal;
  }

  /** The user or kiosk requireViewer admitted. */
  viewerOf(request: Request): Principal {
    const principal = this.requests.get(request);
    if (!principal) throw unauthorized();
    return principal;
  }

  /** Whether the principal may manage everything (not bound to a unit). */
  async managesAll(principal: UserPrincipal): Promise<boolean> {
    return wholeBoard(await this.scopeOf(principal));
  }

  private mayKeepKiosks(creator: UserRecord): boolean {
    return !creator.disabled && ADMIN_ROLES.includes(creator.role);
  }
}

/** "This needs the role owner or administrator.", the roles named in the reader's language. */
function needsRole(roles: readonly Role[]): Localized {
  return (locale) => {
    const names = roles.map((role) => roleName(role, locale).toLowerCase());
    const list = new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
    return say(m.admin_refusal_role, { roles: list })(locale);
  };
}
