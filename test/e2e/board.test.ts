import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { ownerCookie } from '../support/board-app.ts';
import { startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { eventually } from '../support/eventually.ts';
import { readmeScreenshotPath } from '../support/screenshots.ts';
import { byNumber, expectSortedColumn } from '../support/sorted.ts';

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

/** Seconds of a wait shown as mm:ss. */
function seconds(text: string): number {
  const [minutes = 0, secs = 0] = text.trim().split(':').map(Number);
  return minutes * 60 + secs;
}

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
    // A page of its own whose clock stands still unless the test moves it: a wait then moves by what the clock did.
    const clocked = await page.context().newPage();
    const start = Math.floor(Date.now() / 1000) * 1000 + 30_000;
    await clocked.clock.setFixedTime(start);
    await clocked.goto(app.url);
    await clocked.waitForSelector('tr[data-call]', { timeout: SIM_TIMEOUT_MS });
    const clockShown = () => clocked.textContent('header .clock');
    /** Moves the page's clock to `at` and waits for the board to show it (its clock then reads otherwise). */
    const moveClockTo = async (at: number): Promise<void> => {
      const shown = await clockShown();
      await clocked.clock.setFixedTime(at);
      await eventually(async () => (await clockShown()) !== shown, 'the board clock to move');
    };
    // The board reads server time as the page's clock plus the offset it learnt on connecting; a minute ahead of that,
    // every caller has been waiting for a while. A caller answered meanwhile leaves the list; the one then on top is tried.
    let at = start + 50_000;
    const ticked = await eventually(
      async () => {
        at += 10_000;
        await moveClockTo(at);
        const row = clocked.locator(
          `tr[data-call="${await clocked.locator('tr[data-call]').first().getAttribute('data-call')}"]`,
        );
        const before = await row
          .locator('td:nth-child(4)')
          .textContent({ timeout: 1_000 })
          .catch(() => null);
        await moveClockTo(at + 5_000);
        const after = await row
          .locator('td:nth-child(4)')
          .textContent({ timeout: 1_000 })
          .catch(() => null);
        const caller = await row.textContent({ timeout: 1_000 }).catch(() => null);
        return before !== null && after !== null && caller !== null && { before, after, caller };
      },
      'a caller still waiting five seconds later',
      { timeoutMs: SIM_TIMEOUT_MS },
    );
    await clocked.close();
    expect(ticked.before).toMatch(/^\s*\d\d:\d\d\s*$/);
    expect(seconds(ticked.after) - seconds(ticked.before)).toBe(5);
    expect(ticked.caller).toMatch(/billing|sales|support/);
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
    const after = await agentStates();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after).not.toEqual(before);
  });

  it('sorts the agent table by a column header, ascending then descending, from mouse and keyboard', async () => {
    const header = page.locator('th', { hasText: 'Answered' });
    const answered = () =>
      page.$$eval('tr[data-agent] td:nth-child(4)', (cells) => cells.map((cell) => Number(cell.textContent)));
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await expectSortedColumn(answered, 'ascending', byNumber, SIM_TIMEOUT_MS);
    await header.getByRole('button').press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await expectSortedColumn(answered, 'descending', byNumber, SIM_TIMEOUT_MS);
    await page.locator('th', { hasText: 'Agent' }).getByRole('button').click();
  });

  it('fits a 1080p screen without scrolling, and saves the screenshots of the README', async () => {
    // A board worth showing: a caller waiting for a while, and most agents talking.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('tr[data-call] td:nth-child(4)')].some(
          (cell) => cell.textContent.trim() >= '00:10',
        ) && document.querySelectorAll('tr[data-state="onCall"]').length >= 4,
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
