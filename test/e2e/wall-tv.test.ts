import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView } from '../../server/contract/accounts.ts';
import type { Layout } from '../../server/contract/layout.ts';
import type { LiveStateView } from '../../server/contract/live.ts';
import { buildLayout, type Layout as CenterLayout } from '../../server/sim/index.ts';
import { formatCount } from '../../web/display/format.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { eventually } from '../support/eventually.ts';
import { screenshotPath } from '../support/screenshots.ts';

/**
 * Wall TVs at 1920×1080, seen from across a room: an agent grid of 24, 100 and 1,000 agents, and every shipped layout,
 * through kiosk links. Nothing may be cut or go unsaid: every widget's content stays inside its box, and every agent
 * is a tile or counted in "+N more". Then the home board's queue cards, whose labels and figures must line up.
 * Screenshots go to .screenshots/ for a person to look at.
 */
const TV = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
const LAPTOP = { width: 1440, height: 900 };
/** A screen where three queue cards are as narrow as they get. */
const NARROW = { width: 900, height: 700 };
/** Generous: a center of 1,124 agents on a shared machine takes a while to list and to draw. */
const SIM_TIMEOUT_MS = 90_000;
const TEST_TIMEOUT_MS = 240_000;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One queue per grid size: sales 24 agents, support 100, billing 1,000. */
const GRIDS = [
  { agents: 24, queue: 'sales' },
  { agents: 100, queue: 'support' },
  { agents: 1000, queue: 'billing' },
] as const;
const TOTAL_AGENTS = GRIDS.reduce((sum, grid) => sum + grid.agents, 0);

/** The recorded PBX's three queues, each agent in exactly one of them, as many as GRIDS says. */
function center(): CenterLayout {
  const generated = buildLayout(TOTAL_AGENTS, 3);
  const queueOf = GRIDS.flatMap((grid) => Array.from({ length: grid.agents }, () => grid.queue));
  return {
    queues: generated.queues,
    agents: generated.agents.map((agent, i) => ({
      ...agent,
      queues: [{ queue: queueOf[i] ?? 'sales', penalty: 0, dynamic: false }],
    })),
  };
}

let board: BrowserBoard;
let owner: BrowserContext;
let tvContext: BrowserContext;
/** Kiosk URL per screen: `grid-24`, …, and each shipped layout's id. */
const screens = new Map<string, string>();

beforeAll(async () => {
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-wall-tv',
    seed: 5,
    rate: 40,
    simulator: { layout: center(), behaviour: { pauseEvery: 600 } },
  });
  const url = board.app.url;
  owner = await board.browser.newContext();
  expect((await owner.request.post(`${url}/api/session`, { data: TEST_OWNER })).status()).toBe(200);
  // The server has read the whole center before anything is asked of it.
  await eventually(
    async () =>
      ((await (await owner.request.get(`${url}/api/state`)).json()) as LiveStateView).agents.length === TOTAL_AGENTS,
    'the board to list every agent',
    { timeoutMs: SIM_TIMEOUT_MS, intervalMs: 200 },
  );
  const api = <T>(method: string, route: string, data?: unknown) => browserApi<T>(owner, url, method, route, data);
  const kiosk = async (layoutId: string) => {
    const created = await api<KioskCreatedView>('POST', '/api/kiosk', { layoutId, name: `TV ${layoutId}` });
    expect(created.status).toBe(201);
    return `${url}/?kiosk=${encodeURIComponent(created.body.token)}&layout=${encodeURIComponent(layoutId)}`;
  };
  /** A one-column layout of `widgets` on a kiosk link, as screen `name`. */
  const oneColumn = async (name: string, widgets: unknown[]) => {
    const layout = await api<Layout>('POST', '/api/layouts', {
      name,
      columns: 1,
      since: { kind: 'today' },
      theme: 'dark',
      columnsContent: [widgets],
    });
    expect(layout.status).toBe(201);
    screens.set(name, await kiosk(layout.body.id));
  };
  for (const grid of GRIDS) {
    await oneColumn(`grid-${grid.agents}`, [
      {
        id: `grid-${grid.agents}`,
        type: 'agentGrid',
        title: `Queue ${grid.queue}`,
        settings: { queues: [grid.queue] },
      },
    ]);
  }
  // A queue table squeezed between five others: its three queues do not all fit.
  await oneColumn(
    'crowded-queues',
    Array.from({ length: 6 }, (_, i) => ({ id: `queues-${i}`, type: 'queueTable', settings: {} })),
  );
  for (const file of (await readdir(path.join(repo, 'layouts'))).filter((name) => name.endsWith('.json')).sort()) {
    const { id } = JSON.parse(await readFile(path.join(repo, 'layouts', file), 'utf8')) as { id: string };
    screens.set(id, await kiosk(id));
  }
  tvContext = await board.browser.newContext({ viewport: TV });
}, 2 * TEST_TIMEOUT_MS);

afterAll(async () => {
  await board?.close();
});

async function openScreen(name: string): Promise<Page> {
  const page = await tvContext.newPage();
  await page.goto(screens.get(name) ?? '');
  await page.locator('[data-layout] [data-widget-id]').first().waitFor({ timeout: SIM_TIMEOUT_MS });
  // Live figures in every widget that waits for the board.
  await page.locator('.waiting-for-board').first().waitFor({ state: 'detached', timeout: SIM_TIMEOUT_MS });
  return page;
}

/** Agent tiles drawn, and the agents counted in "+N more". */
function gridCounts(page: Page): Promise<{ tiles: number; more: number }> {
  return page.evaluate(() => ({
    tiles: document.querySelectorAll('[data-agent-tile]').length,
    more: Number(document.querySelector('[data-more]')?.getAttribute('data-more') ?? 0),
  }));
}

/**
 * What overflows the widgets on screen: a widget whose content is larger than its box, a scrolling part of one (a
 * table's body) whose content is larger than it shows, an element that lies outside its widget.
 */
function overflows(page: Page): Promise<string[]> {
  return page.$$eval('[data-widget-id]', (cells) =>
    cells.flatMap((cell) => {
      const id = cell.getAttribute('data-widget-id') ?? '?';
      const widget = cell.firstElementChild;
      if (!(widget instanceof HTMLElement)) return [`${id}: no widget`];
      const found: string[] = [];
      for (const part of [widget, ...widget.querySelectorAll<HTMLElement>('.scroll')]) {
        if (part.scrollWidth > part.clientWidth + 1 || part.scrollHeight > part.clientHeight + 1) {
          found.push(
            `${id}: ${part.className} holds ${part.scrollWidth}×${part.scrollHeight} in ${part.clientWidth}×${part.clientHeight}`,
          );
        }
      }
      const box = widget.getBoundingClientRect();
      for (const element of widget.querySelectorAll('*')) {
        if (element.closest('.visually-hidden')) continue;
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        if (
          rect.left < box.left - 1 ||
          rect.top < box.top - 1 ||
          rect.right > box.right + 1 ||
          rect.bottom > box.bottom + 1
        ) {
          found.push(
            `${id}: <${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> "${(element.textContent ?? '').slice(0, 30)}" lies outside`,
          );
        }
      }
      return found.slice(0, 3);
    }),
  );
}

describe('a wall TV', { timeout: TEST_TIMEOUT_MS }, () => {
  it.each(GRIDS)('shows each of $agents agents as a whole tile or counts it in "+N more"', async ({ agents }) => {
    const page = await openScreen(`grid-${agents}`);
    await expect
      .poll(
        async () => {
          const { tiles, more } = await gridCounts(page);
          return tiles + more;
        },
        { timeout: SIM_TIMEOUT_MS },
      )
      .toBe(agents);
    const { tiles, more } = await gridCounts(page);
    // 24 and 100 agents fit a 1080p screen in tiles large enough to read; 1,000 do not.
    expect(more > 0).toBe(agents === 1000);
    if (more > 0) {
      const summary = await page.locator('[data-more]').textContent();
      expect(summary).toContain(`+${formatCount(more)} more`);
      expect(tiles).toBeGreaterThanOrEqual(100);
    }
    expect(await overflows(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`agent-grid-${agents}.png`) });
    await page.close();
  });

  it('keeps every widget of every shipped layout inside its box', async () => {
    const shipped = [...screens.keys()].filter((name) => !name.startsWith('grid-') && name !== 'crowded-queues');
    expect(shipped.length).toBeGreaterThanOrEqual(3);
    for (const name of shipped) {
      const page = await openScreen(name);
      // Charts drawn, figures in: a screen worth judging.
      await page.waitForFunction(
        () => [...document.querySelectorAll('canvas')].every((canvas) => canvas.width > 0),
        undefined,
        {
          timeout: SIM_TIMEOUT_MS,
        },
      );
      await expect.poll(() => overflows(page), { timeout: 10_000 }).toEqual([]);
      await page.screenshot({ path: screenshotPath(`layout-${name}.png`) });
      await page.close();
    }
  });

  it('shows the queues that fit a queue table and counts the others', async () => {
    const page = await openScreen('crowded-queues');
    const counts = () =>
      page.$$eval('[data-widget="queueTable"]', (tables) =>
        tables.map((table) => ({
          rows: table.querySelectorAll('[data-queue-row]').length,
          more: Number(table.querySelector('[data-more]')?.getAttribute('data-more') ?? 0),
        })),
      );
    await expect
      .poll(async () => (await counts()).every(({ rows, more }) => rows + more === 3 && more > 0), {
        timeout: SIM_TIMEOUT_MS,
      })
      .toBe(true);
    expect(await overflows(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('crowded-queues.png') });
    await page.close();
  });

  it('shows a board on a 4K screen as on a 1080p one, its type twice as large', async () => {
    const page = await openScreen('grid-100');
    await expect.poll(async () => (await gridCounts(page)).tiles, { timeout: SIM_TIMEOUT_MS }).toBe(100);
    const sizes = () =>
      page.evaluate(() => ({
        root: Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
        tile: document.querySelector('[data-agent-tile]')?.getBoundingClientRect().width ?? 0,
      }));
    const hd = await sizes();
    await page.setViewportSize(UHD);
    await expect.poll(async () => (await sizes()).root).toBe(2 * hd.root);
    await expect.poll(async () => (await sizes()).tile).toBeGreaterThanOrEqual(1.9 * hd.tile);
    expect((await gridCounts(page)).tiles).toBe(100);
    expect(await overflows(page)).toEqual([]);
    await page.close();
  });
});

describe('the home board', { timeout: TEST_TIMEOUT_MS }, () => {
  it.each([TV, LAPTOP, NARROW])(
    'lines up the labels and the figures of its queue cards at $width×$height',
    async (viewport) => {
      const page = await owner.newPage();
      await page.setViewportSize(viewport);
      await page.goto(board.app.url);
      await page.locator('[data-queue] [data-figure="service-level"]').first().waitFor({ timeout: SIM_TIMEOUT_MS });
      // Heights from the top of each card (on a narrow screen the third card goes below the others).
      const tops = await page.$$eval('[data-queue]', (cards) =>
        cards.map((card) => {
          const top = card.getBoundingClientRect().top;
          return ['waiting', 'longest-wait', 'service-level'].map((figure) => {
            const value = card.querySelector(`[data-figure="${figure}"]`);
            // To the pixel: a card in another row may stand a fraction of a pixel off the grid.
            const from = (y: number | undefined) => Math.round((y ?? 0) - top);
            return [
              from(value?.previousElementSibling?.getBoundingClientRect().bottom),
              from(value?.getBoundingClientRect().top),
            ];
          });
        }),
      );
      await page.screenshot({ path: screenshotPath(`home-${viewport.width}.png`) });
      expect(tops.length).toBe(3);
      // Every label ends, and every figure starts, at the same height in every card.
      const [[label, figure] = []] = tops[0] ?? [];
      expect([...new Set(tops.flatMap((card) => card.map(([end]) => end)))]).toEqual([label]);
      expect([...new Set(tops.flatMap((card) => card.map(([, start]) => start)))]).toEqual([figure]);
      await page.close();
    },
  );
});
