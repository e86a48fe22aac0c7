import { hostname } from 'node:os';
import { z } from 'zod';
import { passwordField, usernameField } from './contract/access.ts';
import { ConfigError, parseEnv } from './env.ts';
import { loadStatsSettings, type StatsSettings } from './stats/settings.ts';

export { ConfigError };

/**
 * The environment, parsed and validated once at start. Every variable has a short comment; a bad or missing value
 * stops the process with a message naming the variable, instead of failing later somewhere deep in a connection.
 */
const required = 'is required';
const port = 'must be a port number (1-65535)';
const listenPort = 'must be a port number (0-65535; 0 picks a free one)';
const name = 'must be 1-32 of a-z, 0-9, _ and -, starting with a letter or digit';
const origins = 'must be a comma-separated list of http(s) origins, e.g. https://tv.example.com';
const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, name);

const schema = z.object({
  /** Asterisk's AMI address (manager.conf `bindaddr`). */
  AMI_HOST: z.string().min(1).default('127.0.0.1'),
  /** Asterisk's AMI port (manager.conf `port`). */
  AMI_PORT: z.coerce.number({ error: port }).int(port).min(1, port).max(65_535, port).default(5038),
  /** The manager.conf account the wallboard logs in with; it needs read access to call, agent, system events. */
  AMI_USERNAME: z.string({ error: required }),
  /** That account's secret. */
  AMI_SECRET: z.string({ error: required }),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The board's HTTP and Socket.IO port. */
  PORT: z.coerce.number({ error: listenPort }).int(listenPort).min(0, listenPort).max(65_535, listenPort).default(8080),
  /** The address the board listens on. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The Redis holding the live state, the AMI lease and the Socket.IO adapter's channels. */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and channel: boards sharing one Redis need different prefixes. */
  REDIS_PREFIX: slug.default('tablica'),
  /** Browser origins other than the board's own that may open a socket, comma separated (empty: same origin only). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: origins }).transform((url) => new URL(url).origin))),
  /** Names this Asterisk in Redis keys and in its AMI lease; every Asterisk feeding one Redis needs its own. */
  AMI_SOURCE: slug.default('pbx'),
  /** How long the AMI lease outlives a holder that stopped renewing it: the take-over time after a crash. */
  AMI_LEASE_TTL_MS: z.coerce.number().int().min(1_000).max(60_000).default(3_000),
  /** This process's name as the lease holder (default: host name and process id). */
  INSTANCE_ID: z.string().min(1).max(200).optional(),
  /** The Owner account created at the first start (with OWNER_PASSWORD); ignored once an owner exists. */
  OWNER_USERNAME: usernameField.optional(),
  /** Its first password; without both variables the owner is created once through POST /api/setup. */
  OWNER_PASSWORD: passwordField.optional(),
  /** A login session unused for this long ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(525_600).default(720),
  /** No login session lasts longer than this, however active. */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** true when the board is served over HTTPS (directly or behind a TLS proxy): the session cookie is then Secure. */
  COOKIE_SECURE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((flag) => flag === 'true'),
  /** Failed logins per username before it is locked for LOGIN_LOCKOUT_MINUTES. */
  LOGIN_ATTEMPTS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(5),
  /** Failed logins per client address before it is locked for LOGIN_LOCKOUT_MINUTES. */
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  /** How long failed logins are counted, and so how long a lock lasts. */
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  /** Reverse proxies in front of the board (0: none): the client address for login limits is taken past them. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export interface Config {
  readonly ami: { readonly host: string; readonly port: number; readonly username: string; readonly secret: string };
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  readonly http: { readonly host: string; readonly port: number; readonly allowedOrigins: readonly string[] };
  readonly redis: { readonly url: string; readonly prefix: string };
  /** The AMI source this process may read, the lease that decides who does, and this process's name in it. */
  readonly source: { readonly id: string; readonly leaseTtlMs: number; readonly instanceId: string };
  readonly auth: AuthConfig;
  /** Statistics: time zone, shifts, service-level formulas (server/stats/settings.ts). */
  readonly stats: StatsSettings;
}

/** Accounts and sessions (server/auth). */
export interface AuthConfig {
  /** The Owner to create at start when none exists. */
  readonly owner: { readonly username: string; readonly password: string } | null;
  readonly session: { readonly idleMs: number; readonly maxAgeMs: number };
  readonly cookieSecure: boolean;
  readonly login: { readonly perUser: number; readonly perIp: number; readonly windowMs: number };
  /** express's `trust proxy`: how many proxies' X-Forwarded-For to believe. */
  readonly trustProxy: number;
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const vars = parseEnv(schema, env);
  if ((vars.OWNER_USERNAME === undefined) !== (vars.OWNER_PASSWORD === undefined)) {
    throw new ConfigError('invalid configuration:\n  OWNER_USERNAME and OWNER_PASSWORD: set both or neither');
  }
  return {
    ami: { host: vars.AMI_HOST, port: vars.AMI_PORT, username: vars.AMI_USERNAME, secret: vars.AMI_SECRET },
    logLevel: vars.LOG_LEVEL,
    http: { host: vars.HOST, port: vars.PORT, allowedOrigins: vars.ALLOWED_ORIGINS },
    redis: { url: vars.REDIS_URL, prefix: vars.REDIS_PREFIX },
    source: {
      id: vars.AMI_SOURCE,
      leaseTtlMs: vars.AMI_LEASE_TTL_MS,
      instanceId: vars.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    },
    auth: {
      owner: vars.OWNER_USERNAME && vars.OWNER_PASSWORD ? { username: vars.OWNER_USERNAME, password: vars.OWNER_PASSWORD } : null,
      session: { idleMs: vars.SESSION_IDLE_MINUTES * 60_000, maxAgeMs: vars.SESSION_MAX_DAYS * 86_400_000 },
      cookieSecure: vars.COOKIE_SECURE,
      login: {
        perUser: vars.LOGIN_ATTEMPTS_PER_USER,
        perIp: vars.LOGIN_ATTEMPTS_PER_IP,
        windowMs: vars.LOGIN_LOCKOUT_MINUTES * 60_000,
      },
      trustProxy: vars.TRUST_PROXY,
    },
    stats: loadStatsSettings(env),
  };
}
