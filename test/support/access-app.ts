import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import { AccessControl, type AccessControlOptions } from '../../server/access/control.ts';
import { accessRoutes } from '../../server/access/http/routes.ts';
import type { AuthConfig } from '../../server/config.ts';
import { hashPassword } from '../../server/access/accounts/password.ts';
import type { Role, SessionView } from '../../server/contract/accounts.ts';
import { errorHandler, notFound } from '../../server/http/errors.ts';
import { Origins } from '../../server/access/origin.ts';
import { closeRedis } from '../../server/store/redis.ts';
import { TEST_SCRYPT, uniquePrefix } from './board-app.ts';
import { testLogger } from './test-logger.ts';

export { TEST_SCRYPT };

export const TEST_AUTH: AuthConfig = {
  owner: null,
  session: { idleMs: 60_000, maxAgeMs: 3_600_000 },
  cookieSecure: false,
  login: { perUser: 5, perIp: 50, windowMs: 60_000 },
  trustProxy: 0,
  // The language the tests read, where the client's Accept-Language names none (fetch sends `*`).
  defaultLocale: 'en',
};

export interface AccessApp {
  readonly url: string;
  readonly access: AccessControl;
  readonly http: Server;
  readonly redis: Redis;
  close(): Promise<void>;
}

export interface AccessAppOptions extends Partial<
  Omit<AccessControlOptions, 'redis' | 'subscriber' | 'log' | 'origins'>
> {
  /** ALLOWED_ORIGINS; the app's own origin is http://127.0.0.1 (or localhost) at its port. */
  readonly allowedOrigins?: readonly string[];
  readonly redisUrl: string;
  /** More routes under `/api`, e.g. one guarded by requireViewer. */
  readonly routes?: (access: AccessControl) => express.Router;
}

/** The access routes in a real express app on a free port, on a real Redis under a fresh key prefix. */
export async function startAccessApp(options: AccessAppOptions): Promise<AccessApp> {
  const { redisUrl, routes, allowedOrigins = [], ...rest } = options;
  const origins = new Origins({ publicOrigin: null, allowed: allowedOrigins, host: '127.0.0.1' });
  const redis = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  const access = new AccessControl({
    prefix: uniquePrefix(),
    auth: TEST_AUTH,
    origins,
    scryptCost: TEST_SCRYPT,
    ...rest,
    redis,
    subscriber,
    log: testLogger('access'),
  });
  await access.start();
  const app = express();
  app.set('trust proxy', access.options.auth.trustProxy);
  app.use('/api', accessRoutes(access));
  if (routes) app.use('/api', routes(access));
  app.use(notFound);
  app.use(errorHandler(testLogger('http'), (request) => access.localeOf(request)));
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  origins.listening(port);
  return {
    url: `http://127.0.0.1:${port}`,
    access,
    http,
    redis,
    close: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await Promise.all([closeRedis(redis), closeRedis(subscriber)]);
    },
  };
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser as far as the API is concerned: it keeps the session cookie and sends the CSRF token on changes. */
export class ApiClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(private readonly base: string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...(this.cookie && { Cookie: this.cookie }),
        ...(this.csrf && method !== 'GET' && { 'X-CSRF-Token': this.csrf }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const set = response.headers.getSetCookie()[0];
    if (set) this.cookie = /^[^=]+=;/.test(set) ? null : set.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  }

  async login(username: string, password: string): Promise<Answer<SessionView>> {
    const answer = await this.call<SessionView>('POST', '/api/session', { username, password });
    if (answer.status === 200) this.csrf = answer.body.csrfToken;
    return answer;
  }
}

/** A logged-in client, or a failed test saying why not. */
export async function loggedIn(base: string, username: string, password: string): Promise<ApiClient> {
  const client = new ApiClient(base);
  const answer = await client.login(username, password);
  if (answer.status !== 200)
    throw new Error(`login of ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return client;
}

/** Creates users straight in the store, each with the password `<username> password 1`; returns their ids by name. */
export async function startWith(
  app: AccessApp,
  users: readonly (readonly [string, Role, { disabled?: boolean; interfaces?: string[] }?])[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [username, role, extra = {}] of users) {
    const passwordHash = await hashPassword(`${username} password 1`, app.access.scryptCost);
    const fields = { username, displayName: username, passwordHash };
    const user =
      role === 'owner'
        ? await app.access.users.createOwner(fields)
        : await app.access.users.create({
            ...fields,
            role,
            interfaces: extra.interfaces ?? [],
            disabled: extra.disabled ?? false,
          });
    ids.set(username, user.id);
  }
  return ids;
}
