import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createApp, type App } from '../../server/main.ts';
import { DEFAULT_USERNAME, DEMO_SECRET, startSimulator, type Simulator } from '../../server/sim/index.ts';
import { ownerCookie, TEST_OWNER, TEST_SCRYPT } from '../support/board-app.ts';
import { testLogger } from '../support/test-logger.ts';

/**
 * The board in a real Chromium, against the real server reading the AMI simulator: what a supervisor sees, including
 * what the board says when the server loses Asterisk and when the browser loses the server. Saves the README's
 * screenshots on the way.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TV = { width: 1920, height: 1080 };
const LAPTOP = { width: 1440, height: 900 };
// Generous: the simulator's callers arrive at random, a few seconds apart at this speed.
const SIM_TIMEOUT_MS = 30_000;

let webRoot: string;
let sim: Simulator;
let app: App;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'tablica-web-'));
  await build({
    configFile: path.join(repo, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webRoot, emptyOutDir: true },
  });
  // Four times faster than life, so that callers queue up within seconds; the seed keeps the run repeatable.
  sim = await startSimulator({ port: 0, seed: 7, speed: 4, rate: 8 });
  const config = loadConfig({
    AMI_HOST: sim.host,
    AMI_PORT: String(sim.port),
    AMI_USERNAME: DEFAULT_USERNAME,
    AMI_SECRET: DEMO_SECRET,
    HOST: '127.0.0.1',
    PORT: '0',
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: `e2e-board-${process.pid}`,
    OWNER_USERNAME: TEST_OWNER.username,
    OWNER_PASSWORD: TEST_OWNER.password,
  });
  app = await createApp(config, { webRoot, logger: testLogger, scryptCost: TEST_SCRYPT });
  // The supervisor's browser has logged in: it carries the session cookie.
  const [name = '', value = ''] = (await ownerCookie(app.url)).split('=');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: TV });
  await context.addCookies([{ name, value, url: app.url }]);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sim?.close();
  if (webRoot) await rm(webRoot, { recursive: true, force: true });
});

/** The state of every agent row, by interface. */
function agentStates(): Promise<Record<string, string>> {
  return page.$$eval('tr[data-agent]', (rows) => {
    const states: Record<string, string> = {};
    for (const row of rows) states[row.getAttribute('data-agent') ?? ''] = row.getAttribute('data-state') ?? '';
    return states;
  });
}

describe('the live board', () => {
  it('says it is connecting while it cannot reach the server, then shows the queues and agents', async () => {
    const socketIo = '**/socket.io/**';
    await page.route(socketIo, (route) => route.abort());
    await page.goto(app.url);
    await page.getByRole('status').filter({ hasText: 'Connecting…' }).waitFor();
    await page.unroute(socketIo);
    await page.waitForSelector('[data-queue]', { timeout: SIM_TIMEOUT_MS });
    const queues = await page.$$eval('[data-queue]', (tiles) => tiles.map((tile) => tile.getAttribute('data-queue')));
    expect(queues).toEqual(['billing', 'sales', 'support']);
    expect(Object.keys(await agentStates())).toHaveLength(8);
  });

  it('lists a caller while they wait, with a wait that ticks', async () => {
    const row = await page.waitForSelector('tr[data-call]', { timeout: SIM_TIMEOUT_MS });
    const waitCell = 'tr[data-call] td:nth-child(4)';
    const first = await page.textContent(waitCell);
    expect(first).toMatch(/^\s*\d\d:\d\d\s*$/);
    expect(await row.textContent()).toMatch(/billing|sales|support/);
    // The wait of the caller on top ticks (or another caller with a longer wait has taken the top row).
    await page.waitForFunction(
      ([selector, before]) => document.querySelector(selector)?.textContent !== before,
      [waitCell, first] as const,
      { timeout: SIM_TIMEOUT_MS },
    );
  });

  it('shows agents changing state as the simulated center works', async () => {
    const before = await agentStates();
    await page.waitForFunction(
      (initial) =>
        [...document.querySelectorAll('tr[data-agent]')].some(
          (row) => initial[row.getAttribute('data-agent') ?? ''] !== row.getAttribute('data-state'),
        ),
      before,
      { timeout: SIM_TIMEOUT_MS },
    );
  });

  it('sorts the agent table by a column header, ascending then descending, from mouse and keyboard', async () => {
    const header = page.locator('th', { hasText: 'Answered' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.getByRole('button').press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const answered = await page.$$eval('tr[data-agent] td:nth-child(4)', (cells) =>
      cells.map((cell) => Number(cell.textContent)),
    );
    expect(answered).toEqual([...answered].sort((a, b) => b - a));
    await page.locator('th', { hasText: 'Agent' }).getByRole('button').click();
  });

  it('fits a 1080p screen without scrolling, and saves the screenshots of the README', async () => {
    // A board worth showing: a caller waiting for a while, and most agents talking.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('tr[data-call] td:nth-child(4)')].some((cell) => cell.textContent.trim() >= '00:10') &&
        document.querySelectorAll('tr[data-state="onCall"]').length >= 4,
      undefined,
      { timeout: SIM_TIMEOUT_MS },
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(repo, 'docs/board.png') });
    await page.setViewportSize(LAPTOP);
    await page.screenshot({ path: path.join(repo, 'docs/board-laptop.png') });
    await page.setViewportSize(TV);
  });

  it('warns when the server loses Asterisk', async () => {
    await sim.close();
    await page.waitForSelector('[data-banner="ami"]', { timeout: SIM_TIMEOUT_MS });
    expect(await page.textContent('[data-banner="ami"]')).toContain('No link to Asterisk');
  });

  it('says since when its data is old while it cannot reach the server', async () => {
    await app.close();
    const banner = await page.waitForSelector('[data-banner="socket"]', { timeout: SIM_TIMEOUT_MS });
    expect(await banner.textContent()).toMatch(/Reconnecting….*data as of \d\d:\d\d:\d\d/);
  });
});
