import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { SessionView } from '../../server/contract/accounts.ts';
import { build } from 'vite';
import { loadConfig } from '../../server/config.ts';
import { createApp, type App } from '../../server/compose.ts';
import {
  DEFAULT_USERNAME,
  DEMO_SECRET,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../server/sim/index.ts';
import { TEST_OWNER, TEST_SCRYPT } from './board-app.ts';
import { testLogger } from './test-logger.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The flags the project's browser tests run Chromium with: headless, and no traffic to anywhere but the board. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserBoard {
  readonly app: App;
  readonly sim: Simulator;
  readonly browser: Browser;
  /** The server's Redis key prefix, for a test that writes stored data straight in. */
  readonly prefix: string;
  close(): Promise<void>;
}

/**
 * What an end-to-end test needs: the web app freshly built, the simulated call center (four times faster than life,
 * seeded), the real server on a free port with the test Owner, and the system Chromium.
 */
export async function startBrowserBoard(options: {
  redisUrl: string;
  prefix: string;
  seed: number;
  speed?: number;
  rate?: number;
  /** Further simulator options (a bigger center, the manual clock), over the ones above. */
  simulator?: SimulatorOptions;
  /** Further configuration of the server, as environment variables (STATS_QUEUES, …). */
  env?: Record<string, string>;
}): Promise<BrowserBoard> {
  const webRoot = await mkdtemp(path.join(tmpdir(), 'tablica-web-'));
  const dataRoot = await mkdtemp(path.join(tmpdir(), 'tablica-files-'));
  await build({
    configFile: path.join(repo, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webRoot, emptyOutDir: true },
  });
  const sim = await startSimulator({
    port: 0,
    seed: options.seed,
    speed: options.speed ?? 4,
    rate: options.rate ?? 8,
    ...options.simulator,
  });
  const config = loadConfig({
    AMI_HOST: sim.host,
    AMI_PORT: String(sim.port),
    AMI_USERNAME: DEFAULT_USERNAME,
    AMI_SECRET: DEMO_SECRET,
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: `${options.prefix}-${process.pid}`,
    OWNER_USERNAME: TEST_OWNER.username,
    OWNER_PASSWORD: TEST_OWNER.password,
    // The files and FTP logins go to a temporary folder, removed on close, never into the checkout.
    FILES_DIR: path.join(dataRoot, 'files'),
    FTPS_DIR: path.join(dataRoot, 'ftps'),
    ...options.env,
  });
  const app = await createApp(config, { webRoot, logger: testLogger, scryptCost: TEST_SCRYPT });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    app,
    sim,
    browser,
    prefix: config.redis.prefix,
    close: async () => {
      await browser.close();
      await app.close();
      await sim.close();
      await rm(webRoot, { recursive: true, force: true });
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}

/** A browser of its own (cookies apart) logged in as the user; closed with the board's browser. */
export async function loggedInContext(
  board: BrowserBoard,
  username: string,
  password: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await board.browser.newContext({ viewport });
  const login = await context.request.post(`${board.app.url}/api/session`, { data: { username, password } });
  if (login.status() !== 200) throw new Error(`logging in as ${username}: ${login.status()} ${await login.text()}`);
  return context;
}

/** A request through the API as the logged-in browser: its cookie, and the CSRF token of GET /api/session. */
export async function browserApi<T>(
  context: BrowserContext,
  base: string,
  method: string,
  url: string,
  data?: unknown,
): Promise<{ status: number; body: T }> {
  const session = (await (await context.request.get(`${base}/api/session`)).json()) as SessionView;
  const response = await context.request.fetch(`${base}${url}`, {
    method,
    headers: { 'X-CSRF-Token': session.csrfToken, ...(data !== undefined && { 'Content-Type': 'application/json' }) },
    ...(data !== undefined && { data: JSON.stringify(data) }),
  });
  const text = await response.text();
  return { status: response.status(), body: (text ? JSON.parse(text) : null) as T };
}
