import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { ownerCookie } from '../support/board-app.ts';
import { startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { readmeScreenshotPath } from '../support/screenshots.ts';

/**
 * The board in a real Chromium, against the real server reading the AMI simulator: what a supervisor sees, including
 * what the board says when the server loses Asterisk and when the browser loses the server. Saves the README's
 * screenshots on the way.
 */
const TV = { width: 1920, height: 1080 };
const LAPTOP = { width: 1440, height: 900 };
// Generous: the simulator's callers arrive at random, a few seconds apart at this speed.
const SIM_TIMEOUT_MS = 30_000;

let board: BrowserBoard;
let sim: Simulator;
let app: App;
let page: Page;
/** The page's Content-Security-Policy header, and what the browser reported breaking it. */
let policy: string | undefined;
const violations: string[] = [];

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-board', seed: 7 });
  ({ app, sim } = board);
  // The supervisor's browser has logged in: it carries the session cookie.
  const [name = '', value = ''] = (await ownerCookie(app.url)).split('=');
  const context = await board.browser.newContext({ viewport: TV });
  await context.addCookies([{ name, value, url: app.url }]);
  page = await context.newPage();
  // Chromium reports every refused script, style or connection on the console ("… violates the following Content
  // Security Policy directive …").
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') policy = response.headers()['content-security-policy'];
  });
});

afterAll(async () => {
  await board?.close();
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
    // The server's answers on the socket are held back until the board has said so (page.route does not see
    // WebSockets), then delivered, and from then on passed through.
    let held: (() => void)[] | null = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => (held ? held.push(() => ws.send(message)) : ws.send(message)));
    });
    await page.goto(app.url);
    await page.getByRole('status').filter({ hasText: 'Connecting…' }).waitFor();
    for (const deliver of held) deliver();
    held = null;
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
    await page.screenshot({ path: readmeScreenshotPath('board.png') });
    await page.setViewportSize(LAPTOP);
    await page.screenshot({ path: readmeScreenshotPath('board-laptop.png') });
    await page.setViewportSize(TV);
  });

  it('has run all along under a Content-Security-Policy without breaking it', () => {
    expect(policy).toContain("script-src 'self'");
    expect(violations).toEqual([]);
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
