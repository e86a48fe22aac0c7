import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView } from '../../server/contract/accounts.ts';
import type { Layout } from '../../server/contract/layout.ts';
import type { StatsResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import { ownerCookie, TEST_OWNER } from '../support/board-app.ts';
import { browserApi, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { readmeScreenshotPath } from '../support/screenshots.ts';
import { byText, expectSortedColumn } from '../support/sorted.ts';

/**
 * Layouts as a team lead builds and a wall TV shows them, in a real Chromium against the real server on the AMI
 * simulator: log in, build a three-column layout with "+", save, drag a widget to another column, reopen, sort, change
 * "statistics since", export and import, delete after confirming, then a kiosk link. Saves the README's screenshots of the editor and the kiosk.
 */
const TV = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
const SIM_TIMEOUT_MS = 30_000;
const LAYOUT_NAME = 'E2E floor';
/** The simulated center runs on a manual clock through ten minutes that ended a minute ago, and then stands still. */
const PLAYED_MS = 10 * 60_000;
const SIM_START = Math.floor(Date.now() / 60_000) * 60_000 - PLAYED_MS - 60_000;

let board: BrowserBoard;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let layoutId = '';

beforeAll(async () => {
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-layouts',
    seed: 11,
    // The events carry the simulated time, so the calls of those ten minutes count in the minutes they happened in.
    simulator: { clock: 'manual', startTime: SIM_START, timestampEvents: true },
  });
  ({ app, browser } = board);
  await eventually(
    async () => (await getJson<{ ami: { connected: boolean } | null }>(`${app.url}/healthz`)).body.ami?.connected,
    'the link to the simulator',
    { timeoutMs: SIM_TIMEOUT_MS },
  );
  for (let played = 0; played < PLAYED_MS; played += 1_000) board.sim.advance(1_000);
  // Played to the end: the statistics have counted every call the live board has answered.
  const cookie = await ownerCookie(app.url);
  await eventually(
    async () => {
      const [counted, live] = await Promise.all([
        getJson<StatsResponse>(`${app.url}/api/stats?since=1h`, cookie),
        getJson<{ queues: { counters: { answered: number } }[] }>(`${app.url}/api/state`, cookie),
      ]);
      const answered = live.body.queues.reduce((sum, queue) => sum + queue.counters.answered, 0);
      return answered > 0 && counted.body.queues.reduce((sum, queue) => sum + queue.answered, 0) === answered;
    },
    'the statistics to count every answered call',
    { timeoutMs: SIM_TIMEOUT_MS },
  );
  context = await browser.newContext({ viewport: TV, acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await board?.close();
});

/** A request through the API as the logged-in browser. */
function api<T>(method: string, url: string, data?: unknown): Promise<{ status: number; body: T }> {
  return browserApi<T>(context, app.url, method, url, data);
}

const card = (type: string): Locator => page.locator(`[data-editor-widget][data-type="${type}"]`);

async function addWidget(column: number, label: string): Promise<void> {
  await page.getByRole('button', { name: `Add widget to column ${column}` }).click();
  await page.getByRole('button', { name: label, exact: false }).filter({ hasText: label }).first().click();
}

async function kpiValue(): Promise<number> {
  const text = await page.locator('[data-widget="kpi"] [data-figure="answered"]').textContent();
  return Number((text ?? '').replace(/\D/g, '') || 'NaN');
}

describe('layouts, from the login to the wall TV', () => {
  it('logs in and shows the main menu', async () => {
    await page.goto(app.url);
    await page.getByLabel('Username').fill(TEST_OWNER.username);
    await page.getByLabel('Password').fill(TEST_OWNER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    for (const name of ['Home', 'New layout', 'Open layout', 'Edit layout'])
      await menu.getByRole('button', { name }).waitFor();
    expect(await menu.getByRole('button', { name: 'Edit layout' }).isDisabled()).toBe(true);
  });

  it('builds a three-column layout with four widgets from "+", and saves it', async () => {
    await page.getByRole('button', { name: 'New layout' }).click();
    await page.getByLabel('Name', { exact: true }).fill(LAYOUT_NAME);
    await page.getByLabel('Number of columns').selectOption('3');
    await addWidget(1, 'KPI tile');
    await card('kpi').getByLabel('Metric').selectOption('answered');
    await card('kpi').getByLabel('Title').fill('Answered');
    await card('kpi').getByLabel('Title').press('Tab');
    await addWidget(2, 'Queue table');
    await addWidget(3, 'Agent table');
    await addWidget(1, 'Clock');
    await page.getByRole('button', { name: 'Move Clock up' }).click();
    expect(
      await page
        .locator('[aria-label="Column 1"] [data-editor-widget]')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-type'))),
    ).toEqual(['clock', 'kpi']);
    await page.screenshot({ path: readmeScreenshotPath('layout-editor.png') });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/#\/layouts\/[^/]+\/edit$/);
    layoutId = decodeURIComponent(/#\/layouts\/([^/]+)\/edit$/.exec(page.url())![1]!);
    const saved = await api<Layout>('GET', `/api/layouts/${layoutId}`);
    expect(saved.body).toMatchObject({ name: LAYOUT_NAME, columns: 3, updatedBy: TEST_OWNER.username, revision: 1 });
    expect(saved.body.columnsContent.map((column) => column.map((widget) => widget.type))).toEqual([
      ['clock', 'kpi'],
      ['queueTable'],
      ['agentTable'],
    ]);
  });

  it('drags a widget by its handle to the top of another column, and saves', async () => {
    const handle = card('kpi').locator('[data-drag-handle]');
    const target = card('agentTable');
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + 4, { steps: 12 });
    // The drop place shows before the release.
    expect(await target.evaluate((element) => element.classList.contains('drop-before'))).toBe(true);
    await page.mouse.up();
    const types = () =>
      page
        .locator('[data-editor-widget]')
        .evaluateAll((cards) =>
          cards.map(
            (c) => `${c.closest('[aria-label^="Column"]')?.getAttribute('aria-label')}: ${c.getAttribute('data-type')}`,
          ),
        );
    expect(await types()).toEqual(['Column 1: clock', 'Column 2: queueTable', 'Column 3: kpi', 'Column 3: agentTable']);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
    const saved = await api<Layout>('GET', `/api/layouts/${layoutId}`);
    expect(saved.body.revision).toBe(2);
    expect(saved.body.columnsContent.map((column) => column.map((widget) => widget.type))).toEqual([
      ['clock'],
      ['queueTable'],
      ['kpi', 'agentTable'],
    ]);
  });

  it('reopens it from Open layout, and the list sorts by a header both ways', async () => {
    await page.getByRole('button', { name: 'Open layout' }).click();
    const header = page.locator('th', { hasText: 'Name' });
    await page.locator(`[data-layout-row="${layoutId}"]`).waitFor();
    const names = () => page.locator('[data-layout-row] td.name').allTextContents();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await expectSortedColumn(names, 'ascending', byText);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(names).toEqual([...ascending].reverse());
    await page.getByRole('button', { name: `Open ${LAYOUT_NAME}` }).click();
    await page.locator(`[data-layout="${layoutId}"] [data-widget="queueTable"]`).waitFor();
    await page.locator('[data-widget="agentTable"] tr[data-agent]').first().waitFor({ timeout: SIM_TIMEOUT_MS });
  });

  it('draws the charts of a shipped layout once their code has loaded', async () => {
    await page.goto(`${app.url}/#/layouts/overview`);
    const canvas = page.locator('[data-widget="chart"] canvas').first();
    await canvas.waitFor();
    const painted = () =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const { width, height } = element;
        const pixels = element.getContext('2d')?.getImageData(0, 0, width, height).data ?? [];
        return (
          width > 0 &&
          height > 0 &&
          Array.prototype.some.call(pixels, (value: number, i: number) => i % 4 === 3 && value > 0)
        );
      });
    await expect.poll(painted, { timeout: SIM_TIMEOUT_MS }).toBe(true);
    await page.goto(`${app.url}/#/layouts/${encodeURIComponent(layoutId)}`);
    await page.locator('[data-widget="agentTable"] tr[data-agent]').first().waitFor({ timeout: SIM_TIMEOUT_MS });
  });

  it('sorts a widget table by a header, ascending then descending', async () => {
    const table = page.locator('[data-widget="queueTable"]');
    const header = table.locator('th', { hasText: 'Queue' });
    const names = () =>
      table
        .locator('tr[data-queue-row]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-queue-row') ?? ''));
    // The table starts sorted by queue, as the catalogue's default says.
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await expectSortedColumn(names, 'ascending', byText);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(names).toEqual([...ascending].reverse());
    await header.getByRole('button').press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(names).toEqual(ascending);
  });

  it('counts from another "statistics since" on this screen only', async () => {
    // Half the played minutes: the calls answered before it count today, not in the custom window.
    const now = new Date(SIM_START + PLAYED_MS / 2);
    const local = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
    await expect.poll(kpiValue, { timeout: SIM_TIMEOUT_MS }).toBeGreaterThan(0);
    const today = await kpiValue();
    const select = page.getByRole('combobox', { name: 'Statistics since' });
    await select.selectOption({ label: 'Custom date and time' });
    await page.getByLabel('Statistics since: date and time').fill(local);
    await page.getByLabel('Statistics since: date and time').press('Tab');
    await page.locator('[data-since="custom"]').waitFor();
    await expect.poll(kpiValue, { timeout: SIM_TIMEOUT_MS }).toBeLessThan(today);
    await select.selectOption({ label: 'Today' });
    await expect.poll(kpiValue, { timeout: SIM_TIMEOUT_MS }).toBe(today);
    // The viewer's choice is not saved with the layout.
    expect((await api<Layout>('GET', `/api/layouts/${layoutId}`)).body.since).toEqual({ kind: 'today' });
  });

  it('exports the layout, imports it back, and refuses a broken file without changing anything', async () => {
    await page.getByRole('button', { name: 'Open layout' }).click();
    await page.locator(`[data-layout-row="${layoutId}"]`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Export ${LAYOUT_NAME}` }).click(),
    ]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as Layout;
    expect(file).toMatchObject({ version: 1, id: layoutId, name: LAYOUT_NAME, columns: 3 });

    const rows = page.locator('[data-layout-row]');
    const before = await rows.count();
    const broken = { ...file, columns: 9 };
    await page.getByLabel('Layout file to import').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/broken\.json failed: Columns must be at most 6/);
    expect(await rows.count()).toBe(before);

    const copy = { ...file, name: 'E2E imported' };
    await page
      .getByLabel('Layout file to import')
      .setInputFiles({ name: 'copy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(copy)) });
    await page.getByRole('status').filter({ hasText: 'Imported “E2E imported”' }).waitFor();
    await expect.poll(() => rows.count()).toBe(before + 1);
  });

  it('deletes a layout only after the confirmation', async () => {
    const row = page.locator('[data-layout-row]', { hasText: 'E2E imported' });
    await row.getByRole('button', { name: 'Delete E2E imported' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete layout' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Delete E2E imported' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await page.locator(`[data-layout-row="${layoutId}"]`).count()).toBe(1);
  });

  it('follows layouts created, renamed and deleted elsewhere without a reload', async () => {
    const elsewhere = {
      name: 'E2E from elsewhere',
      columns: 1,
      columnsContent: [[]],
      since: { kind: 'today' },
      theme: 'dark',
    };
    const created = await api<Layout>('POST', '/api/layouts', elsewhere);
    expect(created.status).toBe(201);
    const row = page.locator(`[data-layout-row="${created.body.id}"]`);
    await row.locator('td.name', { hasText: 'E2E from elsewhere' }).waitFor();
    await api<Layout>('PUT', `/api/layouts/${created.body.id}`, { ...created.body, name: 'E2E renamed elsewhere' });
    await row.locator('td.name', { hasText: 'E2E renamed elsewhere' }).waitFor();
    expect((await api('DELETE', `/api/layouts/${created.body.id}`)).status).toBe(204);
    await expect.poll(() => row.count()).toBe(0);
  });

  describe('a wall TV', () => {
    let kiosk: KioskCreatedView;
    let tv: Page;

    it('opens the kiosk link read-only, fitting 1080p and 4K, without a pointer, and follows saves live', async () => {
      const created = await api<KioskCreatedView>('POST', '/api/kiosk', { layoutId, name: 'Floor TV' });
      expect(created.status).toBe(201);
      kiosk = created.body;
      const tvContext = await browser.newContext({ viewport: TV });
      tv = await tvContext.newPage();
      await tv.goto(`${app.url}/?kiosk=${encodeURIComponent(kiosk.token)}&layout=${encodeURIComponent(layoutId)}`);
      await tv
        .locator(`[data-layout="${layoutId}"] [data-widget="agentTable"] tr[data-agent]`)
        .first()
        .waitFor({ timeout: SIM_TIMEOUT_MS });
      expect(await tv.getByRole('navigation', { name: 'Main menu' }).count()).toBe(0);
      for (const name of ['Edit layout', 'New layout', 'Save', 'Delete'])
        expect(await tv.getByRole('button', { name }).count()).toBe(0);
      expect(await tv.evaluate(() => getComputedStyle(document.body).cursor)).toBe('none');
      const overflow = () => tv.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await tv.screenshot({ path: readmeScreenshotPath('kiosk.png') });
      await tv.setViewportSize(UHD);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await tv.setViewportSize(TV);

      const current = (await api<Layout>('GET', `/api/layouts/${layoutId}`)).body;
      const saved = await api<Layout>('PUT', `/api/layouts/${layoutId}`, { ...current, name: 'E2E floor, renamed' });
      expect(saved.status).toBe(200);
      await tv.getByRole('heading', { name: 'E2E floor, renamed' }).waitFor();
    });

    it('fits wide tables into a six-column kiosk layout by hiding their less important columns, in large type', async () => {
      const allQueueColumns = [
        'name',
        'offered',
        'answered',
        'abandoned',
        'abandonedShort',
        'timedOut',
        'serviceLevelPct',
        'asaSec',
        'maxWaitSec',
        'avgTalkSec',
        'ahtSec',
        'longestWaitingSec',
        'waiting',
        'agentsAvailable',
        'agentsOnCall',
        'agentsPaused',
      ];
      const queueTable = (id: string) => ({ id, type: 'queueTable', settings: { columns: allQueueColumns } });
      const agentTable = (id: string) => ({ id, type: 'agentTable' });
      const wide = await api<Layout>('POST', '/api/layouts', {
        name: 'E2E six columns',
        columns: 6,
        since: { kind: 'today' },
        theme: 'dark',
        columnsContent: [
          [{ id: 'k1', type: 'kpi', settings: { metric: 'answered' } }, queueTable('q1')],
          [agentTable('a1')],
          [{ id: 'w1', type: 'waitingCallers' }, queueTable('q2')],
          [agentTable('a2')],
          [{ id: 'c1', type: 'clock' }, queueTable('q3')],
          [agentTable('a3')],
        ],
      });
      expect(wide.status).toBe(201);
      const link = await api<KioskCreatedView>('POST', '/api/kiosk', { layoutId: wide.body.id, name: 'Narrow TV' });
      const narrow = await (await browser.newContext({ viewport: TV })).newPage();
      await narrow.goto(`${app.url}/?kiosk=${encodeURIComponent(link.body.token)}`);
      await narrow.locator('[data-widget="agentTable"] tr[data-agent]').first().waitFor({ timeout: SIM_TIMEOUT_MS });
      await narrow
        .locator('[data-widget="queueTable"] tr[data-queue-row]')
        .first()
        .waitFor({ timeout: SIM_TIMEOUT_MS });
      const clipped = () =>
        narrow.$$eval('.widget .scroll', (boxes) =>
          boxes
            .filter((box) => box.scrollWidth > box.clientWidth)
            .map((box) => box.closest('[data-widget-id]')?.getAttribute('data-widget-id')),
        );
      // A column goes per measurement, so a table of sixteen takes a few frames to fit.
      await expect.poll(clipped, { timeout: SIM_TIMEOUT_MS }).toEqual([]);
      // Fewer columns, the most important kept; the figures as large as the page's type.
      const headers = await narrow.locator('[data-widget-id="q1"] th').allTextContents();
      expect(headers.length).toBeLessThan(allQueueColumns.length);
      expect(headers.join(' ')).toMatch(/Queue.*Waiting/i);
      const sizes = await narrow.evaluate(() => ({
        body: getComputedStyle(document.body).fontSize,
        figure: getComputedStyle(document.querySelector('[data-widget-id="q1"] td.numeric')!).fontSize,
      }));
      expect(sizes.figure).toBe(sizes.body);
      await narrow.screenshot({ path: readmeScreenshotPath('kiosk-six-columns.png') });
    });

    it('says "access revoked" when the link is revoked', async () => {
      expect((await api('DELETE', `/api/kiosk/${kiosk.id}`)).status).toBe(204);
      await tv.locator('[data-revoked]').filter({ hasText: 'Access revoked' }).waitFor();
    });

    it('finds its layout from the token alone (/?kiosk=<token>)', async () => {
      const created = await api<KioskCreatedView>('POST', '/api/kiosk', { layoutId, name: 'Second TV' });
      const tokenOnly = await (await browser.newContext({ viewport: TV })).newPage();
      await tokenOnly.goto(`${app.url}/?kiosk=${encodeURIComponent(created.body.token)}`);
      await tokenOnly.locator(`[data-layout="${layoutId}"]`).waitFor({ timeout: 10_000 });
      expect(await tokenOnly.getByRole('heading', { level: 1 }).textContent()).toBe('E2E floor, renamed');
      expect(await tokenOnly.getByLabel('Username').count()).toBe(0);
    });
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
