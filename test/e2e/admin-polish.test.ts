import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/compose.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { screenshotPath } from '../support/screenshots.ts';

/**
 * The administration in Polish, as an Owner who chose it sees it in a real Chromium: every screen's title in the
 * Polish admin guide's words, its lists' buttons and a refusal of the server in Polish too.
 */
let board: BrowserBoard;
let app: App;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-admin-pl', seed: 5 });
  app = board.app;
  context = await board.browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${app.url}/#/home`);
  await page.getByLabel('Username').fill(TEST_OWNER.username);
  await page.getByLabel('Password').fill(TEST_OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // The home's administration links: logged in, so the session's token is there for the requests below.
  await page.getByRole('link', { name: 'Backup and restore' }).waitFor();
  expect(await browserApi(context, app.url, 'PATCH', '/api/me', { locale: 'pl' })).toMatchObject({ status: 200 });
  expect((await browserApi(context, app.url, 'POST', '/api/units', { name: 'Sprzedaż' })).status).toBe(201);
});

afterAll(async () => {
  await board?.close();
});

const TITLES = {
  users: 'Użytkownicy',
  units: 'Jednostki organizacyjne',
  teams: 'Zespoły i polityki',
  monitoring: 'Monitorowanie rozmów',
  recordings: 'Nagrywanie rozmów',
  retention: 'Przechowywanie danych',
  kiosks: 'Linki kiosku',
  backup: 'Kopia zapasowa i przywracanie',
  exports: 'Eksporty',
  ftp: 'Dostęp FTP',
  alerts: 'Alarmy',
} as const;

async function open(area: keyof typeof TITLES): Promise<void> {
  await page.goto(`${app.url}/#/admin/${area}`);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: TITLES[area], exact: true }).waitFor();
}

describe('the administration in Polish', () => {
  it('titles every screen in the admin guide’s words', async () => {
    for (const area of Object.keys(TITLES) as (keyof typeof TITLES)[]) await open(area);
  });

  it('keeps data for a number of days and offers “Usuń wszystko” asking for TAK', async () => {
    await open('retention');
    const statistics = page.getByRole('region', { name: 'Statystyki tablicy' });
    await statistics.getByText('Przechowuj na zawsze').waitFor();
    await statistics.getByRole('button', { name: 'Usuń wszystko' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Wpisz TAK, aby potwierdzić').waitFor();
    await dialog.getByRole('button', { name: 'Nie' }).click();
  });

  it('lists a unit with Polish buttons, and a refusal of the server reads in Polish', async () => {
    await open('units');
    await page.getByRole('button', { name: 'Edytuj jednostkę Sprzedaż' }).waitFor();
    await page.getByRole('button', { name: 'Nowa jednostka' }).click();
    await page.getByLabel('Nazwa jednostki').fill('sprzedaż');
    await page.getByRole('button', { name: 'Utwórz jednostkę' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Jednostka o nazwie Sprzedaż już istnieje.');
    await page.screenshot({ path: screenshotPath('admin-units-pl.png') });
  });

  it('names the users’ roles and columns in Polish', async () => {
    await open('users');
    const table = page.getByRole('table');
    await table.getByRole('button', { name: 'Nazwa użytkownika' }).waitFor();
    await expect.poll(() => table.textContent()).toContain('Właściciel');
    await page.screenshot({ path: screenshotPath('admin-users-pl.png') });
  });
});
