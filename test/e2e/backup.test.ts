import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UnitView } from '../../server/contract/accounts.ts';
import type { App } from '../../server/compose.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';

/**
 * Backup and restore as the Owner does it in a real Chromium: the Redis warning (the tests' Redis keeps nothing on
 * disk), the download, a refused file, and a restore after the confirmation.
 */
let board: BrowserBoard;
let app: App;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-backup', seed: 3 });
  app = board.app;
  context = await board.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(`${app.url}/#/home`);
  await page.getByLabel('Username').fill(TEST_OWNER.username);
  await page.getByLabel('Password').fill(TEST_OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
});

afterAll(async () => {
  await board?.close();
});

const api = <T>(method: string, url: string, data?: unknown) => browserApi<T>(context, app.url, method, url, data);
const units = async () => (await api<UnitView[]>('GET', '/api/units')).body.map((unit) => unit.name);

describe('backup and restore, as the Owner', () => {
  it('warns on the administration home that Redis keeps its data only in memory', async () => {
    const warnings = page.getByRole('region', { name: 'Redis warnings' });
    await expect.poll(() => warnings.textContent()).toContain('run it with appendonly yes');
  });

  it('downloads the configuration, refuses a file that is not a backup, and restores one after asking', async () => {
    expect((await api('POST', '/api/units', { name: 'Sales' })).status).toBe(201);
    await page.getByRole('link', { name: 'Backup and restore' }).click();
    await page.getByRole('heading', { level: 1, name: 'Backup and restore' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tablica-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    const backup = Buffer.concat(chunks);
    expect(JSON.parse(backup.toString('utf8'))).toMatchObject({
      format: 'tablica-configuration',
      units: [{ name: 'Sales' }],
    });

    const input = page.getByLabel('Backup file');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The file notes.txt is not a backup file: it is not JSON.');

    expect((await api('POST', '/api/units', { name: 'Extra' })).status).toBe(201);
    await input.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
    const dialog = page.getByRole('dialog', { name: 'Restore from backup.json?' });
    await dialog.getByRole('button', { name: 'No' }).click();
    expect(await units()).toEqual(['Extra', 'Sales']);

    await input.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/^Restored 1 user, 1 unit, 0 teams/);
    expect(await units()).toEqual(['Sales']);
  });
});
