import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { passwordField, usernameField } from './contract/accounts.ts';
import { ConfigError, parseEnv } from './env.ts';
import { isTimeZone } from './contract/stats.ts';
import { LOCALES, type Locale } from './contract/locale.ts';
import { loadRecordingsConfig, type RecordingsConfig } from './recordings/config.ts';
import { loadStatsSettings, type StatsSettings } from './stats/counting/settings.ts';

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
const originList = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/, error: origins }).transform((url) => new URL(url).origin)));

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
  /**
   * A Redis Cluster instead of one Redis: some of its nodes, `host:port` comma separated (the rest are discovered).
   * REDIS_URL then gives only the user name, password and TLS (rediss://) of every node.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((list, context) => parseNodes(list, context))
    .optional(),
  /**
   * Redis behind Sentinel: the sentinels, `host:port` comma separated, which name the current master of
   * REDIS_SENTINEL_NAME. REDIS_URL then gives only the master's user name, password, TLS and database number.
   */
  REDIS_SENTINELS: z
    .string()
    .transform((list, context) => parseNodes(list, context))
    .optional(),
  /** The master's name in the sentinels' configuration (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be the name of a master the sentinels monitor, e.g. mymaster')
    .optional(),
  /** The sentinels' own password (`requirepass` of sentinel.conf), when they have one. */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /**
   * Where browsers reach the board, e.g. https://board.example.com: logins, changes and sockets are accepted from this
   * origin (scheme, host and port exactly). Unset: from this machine only (http://localhost:PORT and the like).
   */
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be the http(s) URL browsers open the board at, e.g. https://board.example.com',
    })
    .transform((url) => new URL(url).origin)
    .optional(),
  /** Browser origins other than the board's own that may open a socket and call the API, comma separated. */
  ALLOWED_ORIGINS: originList,
  /** Pages that may show a kiosk link in a frame (e.g. a digital-signage portal), comma separated; empty: none. */
  KIOSK_FRAME_ANCESTORS: originList,
  /**
   * Several Asterisks on one board, comma separated: `id=host[:port]` each, e.g. `east=10.0.0.1,west=10.0.0.2:5039`.
   * Every name a PBX sends is then shown as `<id>/<name>` (`east/sales`). Instead of AMI_HOST and AMI_PORT; all log in
   * with AMI_USERNAME / AMI_SECRET unless AMI_USERNAME_<ID> / AMI_SECRET_<ID> (id upper-cased, `-` as `_`) say otherwise.
   */
  AMI_ENDPOINTS: z
    .string()
    .transform((list, context) => parseEndpoints(list, context))
    .optional(),
  /** Names this board's AMI source in Redis keys and in its AMI lease; boards sharing one Redis need different ones. */
  AMI_SOURCE: slug.default('pbx'),
  /** How long the AMI lease outlives a holder that stopped renewing it: the take-over time after a crash. */
  AMI_LEASE_TTL_MS: z.coerce.number().int().min(1_000).max(60_000).default(1_500),
  /** This process's name as the lease holder (default: host name and process id). */
  INSTANCE_ID: z.string().min(1).max(200).optional(),
  /** The Owner account created at the first start (with OWNER_PASSWORD); ignored once an owner exists. */
  OWNER_USERNAME: usernameField.optional(),
  /** Its first password; without both variables the owner is created once through POST /api/setup. */
  OWNER_PASSWORD: passwordField.optional(),
  /**
   * The installation's language, pl or en: what a user who has not chosen one sees. Unset: each browser's language
   * (Accept-Language), Polish when it asks for neither. The login page always follows the browser.
   */
  DEFAULT_LOCALE: z.enum(LOCALES, { error: 'must be pl or en' }).optional(),
  /** A login session unused for this long ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(525_600).default(720),
  /** No login session lasts longer than this, however active. */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** true when the board is served over HTTPS (directly or behind a TLS proxy): the session cookie is then Secure. */
  COOKIE_SECURE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((flag) => flag === 'true'),
  /** Failed logins per username before it is locked for LOGIN_LOCKOUT_MINUTES. */
  LOGIN_ATTEMPTS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(5),
  /** Failed logins per client address before it is locked for LOGIN_LOCKOUT_MINUTES. */
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  /** How long failed logins are counted, and so how long a lock lasts. */
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  /** Reverse proxies in front of the board (0: none): the client address for login limits is taken past them. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** The FastAGI port of the call monitoring feature code `#44` (unset: no FastAGI server). */
  FASTAGI_PORT: z.coerce
    .number({ error: listenPort })
    .int(listenPort)
    .min(0, listenPort)
    .max(65_535, listenPort)
    .optional(),
  /** The address the FastAGI server listens on. */
  FASTAGI_HOST: z.string().min(1).default('0.0.0.0'),
  /** The prompts `#44` plays for "Denied" and "Call not yet established" (Asterisk sound file names). */
  MONITOR_PROMPT_DENIED: z
    .string()
    .regex(/^[A-Za-z0-9/_-]{1,100}$/, 'must be a sound file name such as im-sorry')
    .default('im-sorry'),
  MONITOR_PROMPT_NO_CALL: z
    .string()
    .regex(/^[A-Za-z0-9/_-]{1,100}$/, 'must be a sound file name such as feature-not-avail-line')
    .default('feature-not-avail-line'),
  /** The dialplan context a user's phone dials an abandoned caller back in: the one phones dial outside calls from. */
  CALLBACK_CONTEXT: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be a dialplan context name such as from-internal')
    .default('from-internal'),
  /** The folder of the daily reports and recordings (`center/`, `units/<id>/`), and of the FTP homes (`ftp/`). */
  FILES_DIR: z.string().min(1).default('data/files'),
  /** Where Tablica writes ProFTPD's AuthUserFile, its group file and the config snippet to include in proftpd.conf. */
  FTPS_DIR: z.string().min(1).default('data/ftps'),
  /** The host name administrators connect to with FileZilla (default: PUBLIC_URL's host, else localhost). */
  FTPS_PUBLIC_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'must be a host name or address, e.g. files.example.com')
    .optional(),
  /** The FTPS server's control port (explicit TLS: FileZilla's "Require explicit FTP over TLS"). */
  FTPS_PORT: z.coerce.number({ error: port }).int(port).min(1, port).max(65_535, port).default(21),
  /** The passive data ports, `first-last`: open them in the firewall. */
  FTPS_PASSIVE_PORTS: z
    .string()
    .default('60000-60099')
    .transform((range, context) => passivePorts(range, context)),
  /** The TLS certificate and its key (PEM) ProFTPD presents (default: Debian's snakeoil pair of ssl-cert). */
  FTPS_CERT: z.string().min(1).default('/etc/ssl/certs/ssl-cert-snakeoil.pem'),
  FTPS_KEY: z.string().min(1).default('/etc/ssl/private/ssl-cert-snakeoil.key'),
  /** The time zone cdr_manager writes the CDRs' times in: the PBX's local time (IANA name). */
  CDR_TIME_ZONE: z
    .string()
    .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Warsaw')
    .default('UTC'),
});

/** One Asterisk's manager interface. */
export interface AmiEndpoint {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
}

export interface Config {
  /**
   * The Asterisks this board reads, all under one lease (one process reads them all). `qualified`: names are shown
   * as `<endpoint>/<name>` (AMI_ENDPOINTS is set), else the one PBX's names are shown as they are.
   */
  readonly ami: { readonly endpoints: readonly AmiEndpoint[]; readonly qualified: boolean };
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** PUBLIC_URL's origin; null: the board's own machine (server/access/origin.ts). */
    readonly publicOrigin: string | null;
    readonly allowedOrigins: readonly string[];
    /** KIOSK_FRAME_ANCESTORS (server/http/headers.ts). */
    readonly kioskFrameAncestors: readonly string[];
  };
  readonly redis: RedisConfig;
  /** The AMI source this process may read, the lease that decides who does, and this process's name in it. */
  readonly source: { readonly id: string; readonly leaseTtlMs: number; readonly instanceId: string };
  readonly auth: AuthConfig;
  /** Statistics: time zone, shifts, service-level formulas (server/stats/counting/settings.ts). */
  readonly stats: StatsSettings;
  /** The files administrators download (server/files) and the time zone of the CDRs Asterisk sends. */
  readonly files: { readonly dir: string; readonly cdrTimeZone: string };
  /** Call recording: where the WAVs are read, where the MP3s go (server/recordings/config.ts). */
  readonly recordings: RecordingsConfig;
  /** Call monitoring's feature code `#44` over FastAGI (server/monitoring/fastagi.ts); absent: not served. */
  readonly fastAgi?: {
    readonly host: string;
    readonly port: number;
    readonly prompts: { readonly denied: string; readonly noCall: string };
  };
  /** FTP access (absent: not offered, as in tests that do not need it). */
  readonly ftps?: FtpsConfig;
  /** Calling abandoned callers back (server/callbacks): the outgoing context the user's phone dials in. */
  readonly callbacks: { readonly context: string };
}

/** Where the board's Redis is (server/store/redis.ts) and the prefix of its keys. */
export interface RedisConfig {
  /** REDIS_URL: the one Redis, or the credentials, TLS and database of the cluster's nodes or the Sentinel master. */
  readonly url: string;
  readonly prefix: string;
  /** REDIS_CLUSTER_NODES: some nodes of a Redis Cluster. */
  readonly cluster?: readonly RedisNode[];
  /** REDIS_SENTINELS and REDIS_SENTINEL_NAME: the sentinels and the name of the master they elect. */
  readonly sentinel?: { readonly nodes: readonly RedisNode[]; readonly name: string; readonly password?: string };
}

export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

/** FTP access to the report and recording files, served by ProFTPD (server/ftps); absolute paths. */
export interface FtpsConfig {
  /** FILES_DIR: the files layout (`center/`, `units/<unit id>/`) and the unit administrators' homes (`ftp/`). */
  readonly filesDir: string;
  /** FTPS_DIR: the AuthUserFile, group file and snippet Tablica writes for ProFTPD. */
  readonly dir: string;
  /** What administrators are told to connect to. */
  readonly publicHost: string;
  readonly port: number;
  readonly passivePorts: readonly [number, number];
  readonly cert: string;
  readonly key: string;
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
  /** DEFAULT_LOCALE: the language of users who have not chosen one (absent: their browser's). */
  readonly defaultLocale?: Locale;
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const vars = parseEnv(schema, env);
  if ((vars.OWNER_USERNAME === undefined) !== (vars.OWNER_PASSWORD === undefined)) {
    throw new ConfigError('invalid configuration:\n  OWNER_USERNAME and OWNER_PASSWORD: set both or neither');
  }
  return {
    ami: amiEndpoints(vars, env),
    logLevel: vars.LOG_LEVEL,
    http: {
      host: vars.HOST,
      port: vars.PORT,
      publicOrigin: vars.PUBLIC_URL ?? null,
      allowedOrigins: vars.ALLOWED_ORIGINS,
      kioskFrameAncestors: vars.KIOSK_FRAME_ANCESTORS,
    },
    redis: redisConfig(vars),
    source: {
      id: vars.AMI_SOURCE,
      leaseTtlMs: vars.AMI_LEASE_TTL_MS,
      instanceId: vars.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    },
    auth: {
      owner:
        vars.OWNER_USERNAME && vars.OWNER_PASSWORD
          ? { username: vars.OWNER_USERNAME, password: vars.OWNER_PASSWORD }
          : null,
      session: { idleMs: vars.SESSION_IDLE_MINUTES * 60_000, maxAgeMs: vars.SESSION_MAX_DAYS * 86_400_000 },
      cookieSecure: vars.COOKIE_SECURE,
      login: {
        perUser: vars.LOGIN_ATTEMPTS_PER_USER,
        perIp: vars.LOGIN_ATTEMPTS_PER_IP,
        windowMs: vars.LOGIN_LOCKOUT_MINUTES * 60_000,
      },
      trustProxy: vars.TRUST_PROXY,
      ...(vars.DEFAULT_LOCALE && { defaultLocale: vars.DEFAULT_LOCALE }),
    },
    stats: loadStatsSettings(env),
    files: { dir: path.resolve(vars.FILES_DIR), cdrTimeZone: vars.CDR_TIME_ZONE },
    recordings: loadRecordingsConfig(env, path.resolve(vars.FILES_DIR)),
    callbacks: { context: vars.CALLBACK_CONTEXT },
    ...(vars.FASTAGI_PORT !== undefined && {
      fastAgi: {
        host: vars.FASTAGI_HOST,
        port: vars.FASTAGI_PORT,
        prompts: { denied: vars.MONITOR_PROMPT_DENIED, noCall: vars.MONITOR_PROMPT_NO_CALL },
      },
    }),
    ftps: {
      filesDir: path.resolve(vars.FILES_DIR),
      dir: path.resolve(vars.FTPS_DIR),
      publicHost: vars.FTPS_PUBLIC_HOST ?? (vars.PUBLIC_URL ? new URL(vars.PUBLIC_URL).hostname : 'localhost'),
      port: vars.FTPS_PORT,
      passivePorts: vars.FTPS_PASSIVE_PORTS,
      cert: path.resolve(vars.FTPS_CERT),
      key: path.resolve(vars.FTPS_KEY),
    },
  };
}

const REDIS_VARS = {
  REDIS_URL: true,
  REDIS_PREFIX: true,
  REDIS_CLUSTER_NODES: true,
  REDIS_SENTINELS: true,
  REDIS_SENTINEL_NAME: true,
  REDIS_SENTINEL_PASSWORD: true,
} as const;

/** Only the REDIS_* variables, for commands that work on the data alone (`npm run backup`). */
export function loadRedisConfig(env: NodeJS.ProcessEnv = process.env): RedisConfig {
  return redisConfig(parseEnv(schema.pick(REDIS_VARS), env));
}

function redisConfig(vars: Pick<Vars, keyof typeof REDIS_VARS>): RedisConfig {
  const invalid = (problem: string): never => {
    throw new ConfigError(`invalid configuration:\n  ${problem}`);
  };
  const base = { url: vars.REDIS_URL, prefix: vars.REDIS_PREFIX };
  if (vars.REDIS_CLUSTER_NODES && vars.REDIS_SENTINELS) {
    invalid('REDIS_CLUSTER_NODES / REDIS_SENTINELS: a Redis Cluster or Sentinel, not both');
  }
  if ((vars.REDIS_SENTINELS === undefined) !== (vars.REDIS_SENTINEL_NAME === undefined)) {
    invalid('REDIS_SENTINELS and REDIS_SENTINEL_NAME: set both or neither');
  }
  if (vars.REDIS_CLUSTER_NODES) {
    // A cluster has database 0 only.
    if (!/^\/?0?$/.test(new URL(vars.REDIS_URL).pathname)) {
      invalid('REDIS_URL: a Redis Cluster has only database 0, so the URL names none');
    }
    return { ...base, cluster: vars.REDIS_CLUSTER_NODES };
  }
  if (vars.REDIS_SENTINELS && vars.REDIS_SENTINEL_NAME) {
    const password = vars.REDIS_SENTINEL_PASSWORD;
    return {
      ...base,
      sentinel: { nodes: vars.REDIS_SENTINELS, name: vars.REDIS_SENTINEL_NAME, ...(password && { password }) },
    };
  }
  return base;
}

type Vars = z.infer<typeof schema>;

function amiEndpoints(vars: Vars, env: NodeJS.ProcessEnv): Config['ami'] {
  const credentials = { username: vars.AMI_USERNAME, secret: vars.AMI_SECRET };
  if (!vars.AMI_ENDPOINTS) {
    return {
      endpoints: [{ id: vars.AMI_SOURCE, host: vars.AMI_HOST, port: vars.AMI_PORT, ...credentials }],
      qualified: false,
    };
  }
  if (env.AMI_HOST || env.AMI_PORT) {
    throw new ConfigError(
      'invalid configuration:\n  AMI_HOST / AMI_PORT: not with AMI_ENDPOINTS, which names every address',
    );
  }
  const endpoints = vars.AMI_ENDPOINTS.map((endpoint) => {
    const suffix = endpoint.id.toUpperCase().replaceAll('-', '_');
    return {
      ...endpoint,
      username: env[`AMI_USERNAME_${suffix}`] || credentials.username,
      secret: env[`AMI_SECRET_${suffix}`] || credentials.secret,
    };
  });
  return { endpoints, qualified: true };
}

const ENDPOINT = /^([a-z0-9][a-z0-9_-]{0,31})=(\[[0-9a-f:.]+\]|[^\s:=,[\]]+)(?::(\d{1,5}))?$/i;

/** `east=10.0.0.1,west=[::1]:5039` → endpoints; every bad entry is reported. */
function parseEndpoints(list: string, context: z.RefinementCtx): Omit<AmiEndpoint, 'username' | 'secret'>[] {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const endpoints = entries.flatMap((entry) => {
    const match = ENDPOINT.exec(entry);
    const port = Number(match?.[3] ?? 5038);
    if (!match || port < 1 || port > 65_535) {
      context.addIssue({ code: 'custom', message: `"${entry}" is not id=host[:port] (id: ${name})` });
      return [];
    }
    return [{ id: match[1]!.toLowerCase(), host: match[2]!.replace(/^\[|\]$/g, ''), port }];
  });
  const ids = endpoints.map((endpoint) => endpoint.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) context.addIssue({ code: 'custom', message: `endpoint id "${repeated}" is given twice` });
  if (entries.length === 0) context.addIssue({ code: 'custom', message: 'names no endpoint' });
  return endpoints;
}

const NODE = /^(\[[0-9a-f:.]+\]|[^\s:,[\]]+):(\d{1,5})$/i;

/** `10.0.0.1:7000,[::1]:7001` → nodes; every bad entry is reported. */
function parseNodes(list: string, context: z.RefinementCtx): RedisNode[] {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) context.addIssue({ code: 'custom', message: 'names no host:port' });
  return entries.flatMap((entry) => {
    const match = NODE.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) {
      context.addIssue({ code: 'custom', message: `"${entry}" is not host:port` });
      return [];
    }
    return [{ host: match[1]!.replace(/^\[|\]$/g, ''), port }];
  });
}

/** `60000-60099` → [60000, 60099]: ProFTPD takes passive ports from 1024 up. */
function passivePorts(range: string, context: z.RefinementCtx): [number, number] {
  const match = /^(\d{4,5})-(\d{4,5})$/.exec(range.trim());
  const [first, last] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || first < 1024 || last > 65_535 || first > last) {
    context.addIssue({ code: 'custom', message: 'must be first-last, two ports from 1024 to 65535, e.g. 60000-60099' });
  }
  return [first, last];
}
