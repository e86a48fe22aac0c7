import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../server/config.ts';
import type { RecordingsConfig } from '../../server/recordings/config.ts';
import { createApp, type App, type AppOptions } from '../../server/compose.ts';
import { DEFAULT_STATS_SETTINGS } from '../../server/stats/counting/settings.ts';
import {
  DEMO_SECRET,
  DEFAULT_USERNAME,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../server/sim/index.ts';
import { testLogger } from './test-logger.ts';
import type { Locale } from '../../server/contract/locale.ts';

export interface BoardConfigOptions {
  readonly redisUrl: string;
  readonly amiPort: number;
  /** Redis key prefix; tests sharing one redis-server use a fresh one each (default: random). */
  readonly prefix?: string;
  readonly instanceId?: string;
  readonly allowedOrigins?: readonly string[];
  /** PUBLIC_URL's origin (default: none, the board's own machine). */
  readonly publicOrigin?: string;
  readonly kioskFrameAncestors?: readonly string[];
  readonly leaseTtlMs?: number;
  /** FILES_DIR (default: a fresh folder under the system's temporary folder). */
  readonly filesDir?: string;
  /** Call recording (default: off, RECORDINGS_DIR unset). */
  readonly recordings?: Partial<RecordingsConfig>;
  /** DEFAULT_LOCALE (default: en, the language the tests read, whatever the browser asks for). */
  readonly defaultLocale?: Locale;
}

/** A config for a board on a free port of 127.0.0.1, reading the simulator's AMI. */
export function boardConfig(options: BoardConfigOptions): Config {
  return {
    ami: {
      endpoints: [
        { id: 'pbx', host: '127.0.0.1', port: options.amiPort, username: DEFAULT_USERNAME, secret: DEMO_SECRET },
      ],
      qualified: false,
    },
    logLevel: 'silent',
    http: {
      host: '127.0.0.1',
      port: 0,
      publicOrigin: options.publicOrigin ?? null,
      allowedOrigins: options.allowedOrigins ?? [],
      kioskFrameAncestors: options.kioskFrameAncestors ?? [],
    },
    redis: { url: options.redisUrl, prefix: options.prefix ?? uniquePrefix() },
    source: { id: 'pbx', leaseTtlMs: options.leaseTtlMs ?? 3_000, instanceId: options.instanceId ?? randomUUID() },
    auth: {
      owner: TEST_OWNER,
      session: { idleMs: 3_600_000, maxAgeMs: 86_400_000 },
      cookieSecure: false,
      login: { perUser: 5, perIp: 50, windowMs: 900_000 },
      trustProxy: 0,
      defaultLocale: options.defaultLocale ?? 'en',
    },
    stats: DEFAULT_STATS_SETTINGS,
    callbacks: { context: 'from-internal' },
    files: { dir: options.filesDir ?? path.join(os.tmpdir(), `tablica-files-${randomUUID()}`), cdrTimeZone: 'UTC' },
    recordings: {
      wavDir: null,
      pbxDir: null,
      deleteWav: false,
      concurrency: 2,
      lamePath: 'lame',
      filesDir: path.join(os.tmpdir(), 'tablica-test-files'),
      ...options.recordings,
    },
  };
}

export function uniquePrefix(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}

/** The Owner every test board starts with: boards and the API need a session. */
export const TEST_OWNER = { username: 'owner', password: 'owner test password' } as const;

/** A cheap scrypt cost: tests hash passwords and prove nothing more with a slow one. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/** Fast lease retries, AMI reconnects, cheap hashing and a quiet log: tests should not wait on production timings. */
export const TEST_APP_OPTIONS: AppOptions = {
  leaseRetryMs: 100,
  scryptCost: TEST_SCRYPT,
  ami: { reconnect: { minMs: 20, maxMs: 200 } },
  logger: testLogger,
};

export function startBoardApp(config: Config, options: AppOptions = {}): Promise<App> {
  return createApp(config, { ...TEST_APP_OPTIONS, ...options });
}

/** The simulated call center with a manual clock and no generated traffic: tests decide what happens. */
export function startQuietSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ port: 0, clock: 'manual', rate: 0, behaviour: { pauseEvery: 0 }, ...options });
}

/** Logs the test Owner in over HTTP; the `Cookie` header value of its session, for sockets and requests. */
export async function ownerCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(TEST_OWNER),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (response.status !== 200 || !cookie)
    throw new Error(`owner login failed: ${response.status} ${await response.text()}`);
  return cookie;
}
