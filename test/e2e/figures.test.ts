import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KpiMetric, Layout, NewLayout } from '../../server/contract/layout.ts';
import type { ServiceLevelFormula, StatsResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import { ownerCookie } from '../support/board-app.ts';
import { browserApi, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { eventually } from '../support/eventually.ts';

/**
 * One set of numbers: the home board's queue cards and a layout's KPI tiles show the same figures for the same queue
 * and "statistics since", whichever service level formula the queue is judged by. The simulated center runs on a
 * manual clock: ten busy minutes are played, then nothing moves, so both screens can be read at leisure.
 */
const TV = { width: 1920, height: 1080 };
const FORMULAS: Record<string, ServiceLevelFormula> = {
  sales: 'answered',
  support: 'offered',
  billing: 'asterisk2',
  queue04: 'excludeShort',
};
const QUEUES = Object.keys(FORMULAS);
const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.screenshots');
const TIMEOUT_MS = 30_000;

let board: BrowserBoard;
let app: App;
let context: BrowserContext;
let home: Page;
let stats: StatsResponse;

beforeAll(async () => {
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-figures',
    seed: 5,
    // A busy spell for six agents: some callers wait past the service level time, some give up.
    rate: 8,
    simulator: { clock: 'manual', queues: 4, agents: 6, behaviour: { pauseEvery: 0 } },
    env: {
      STATS_QUEUES: JSON.stringify(Object.fromEntries(QUEUES.map((queue) => [queue, { formula: FORMULAS[queue] }]))),
    },
  });
  app = board.app;
  const [name = '', value = ''] = (await ownerCookie(app.url)).split('=');
  context = await board.browser.newContext({ viewport: TV });
  await context.addCookies([{ name, value, url: app.url }]);
  home = await context.newPage();
  await home.goto(app.url);
  await home.locator('[data-queue="queue04"]').waitFor({ timeout: TIMEOUT_MS });

  for (let second = 0; second < 600; second += 1) board.sim.advance(1_000);
  // Played to the end: the statistics have counted every call the live board has.
  stats = await eventually(
    async () => {
      const [counted, live] = await Promise.all([
        browserApi<StatsResponse>(context, app.url, 'GET', '/api/stats?since=24h'),
        browserApi<{ queues: { name: string; counters: { joined: number; answered: number; abandoned: number } }[] }>(
          context,
          app.url,
          'GET',
          '/api/state',
        ),
      ]);
      const caughtUp = live.body.queues.every((queue) => {
        const q = counted.body.queues.find((c) => c.name === queue.name);
        return (
          q &&
          q.offered === queue.counters.joined &&
          q.answered === queue.counters.answered &&
          q.abandoned === queue.counters.abandoned
        );
      });
      return caughtUp && counted.body;
    },
    'the statistics to count every call',
    { timeoutMs: TIMEOUT_MS },
  );
});

afterAll(async () => {
  await board?.close();
});

/** The whole percentage or count a figure shows, without the words for screen readers. */
async function shown(page: Page, selector: string): Promise<string> {
  const text = (await page.locator(selector).first().textContent()) ?? '';
  return /(\d[\d\u2009]*%?|\u2014)/.exec(text)?.[1] ?? `unreadable: ${text}`;
}

describe('the home board and a layout, side by side', () => {
  it('judges each queue by its own formula, over calls an answered-only count would judge otherwise', () => {
    for (const queue of QUEUES)
      expect(stats.queues.find((q) => q.name === queue)?.serviceLevelFormula).toBe(FORMULAS[queue]);
    const support = stats.queues.find((q) => q.name === 'support')!;
    // An answered-only count, as the home board used to show, would say otherwise.
    expect(support.abandoned).toBeGreaterThan(0);
    expect(support.serviceLevelPct).not.toBe(Math.round((1000 * support.answeredWithinSl) / support.answered) / 10);
  });

  it('offers "Statistics since" on the home board, says it, and remembers it', async () => {
    const menu = home.getByRole('navigation', { name: 'Main menu' });
    await menu.getByLabel('Statistics since').selectOption({ label: 'Last 24 h' });
    await home.locator('[data-since="rolling"]').filter({ hasText: '(from' }).waitFor();
    await home.reload();
    await home.locator('[data-since="rolling"]').filter({ hasText: '(from' }).waitFor({ timeout: TIMEOUT_MS });
    expect(await menu.getByLabel('Statistics since').inputValue()).toBe('rolling:1440');
  });

  it('shows for each formula the same service level, answered and abandoned as the layout’s KPI tiles', async () => {
    const kpi = (metric: KpiMetric, queue: string, id: string) => ({
      id: `${id}-${queue}`,
      type: 'kpi' as const,
      settings: { metric, queues: [queue] },
    });
    const layout = {
      name: 'Figures side by side',
      columns: QUEUES.length,
      since: { kind: 'rolling', minutes: 1440 },
      columnsContent: QUEUES.map((queue) => [
        kpi('serviceLevelPct', queue, 'sl'),
        kpi('answered', queue, 'answered'),
        kpi('abandoned', queue, 'abandoned'),
      ]),
    } satisfies NewLayout;
    const created = await browserApi<Layout>(context, app.url, 'POST', '/api/layouts', layout);
    expect(created.status).toBe(201);
    const view = await context.newPage();
    await view.goto(`${app.url}/#/layouts/${created.body.id}`);
    await view.locator('[data-since="rolling"]').filter({ hasText: '(from' }).waitFor({ timeout: TIMEOUT_MS });

    for (const queue of QUEUES) {
      const q = stats.queues.find((s) => s.name === queue)!;
      const card = `[data-queue="${queue}"]`;
      const onHome = {
        serviceLevel: await shown(home, `${card} [data-figure="service-level"]`),
        answered: await shown(home, `${card} [data-figure="answered"]`),
        abandoned: await shown(home, `${card} [data-figure="abandoned"]`),
      };
      const onLayout = {
        serviceLevel: await shown(view, `[data-widget-id="sl-${queue}"] [data-figure="serviceLevelPct"]`),
        answered: await shown(view, `[data-widget-id="answered-${queue}"] [data-figure="answered"]`),
        abandoned: await shown(view, `[data-widget-id="abandoned-${queue}"] [data-figure="abandoned"]`),
      };
      expect(onHome, `${queue} (${FORMULAS[queue]})`).toEqual(onLayout);
      expect(onHome, `${queue}: the statistics engine's figures`).toEqual({
        serviceLevel: q.serviceLevelPct === null ? '\u2014' : `${Math.round(q.serviceLevelPct)}%`,
        answered: String(q.answered),
        abandoned: String(q.abandoned),
      });
    }
    await mkdir(SCREENSHOTS, { recursive: true });
    await home.screenshot({ path: path.join(SCREENSHOTS, 'figures-home.png') });
    await view.screenshot({ path: path.join(SCREENSHOTS, 'figures-layout.png') });
  });
});
