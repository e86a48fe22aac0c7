import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView } from '../../server/contract/accounts.ts';
import type { Layout } from '../../server/contract/layout.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { readmeScreenshotPath, screenshotPath } from '../support/screenshots.ts';

/**
 * A Polish installation (DEFAULT_LOCALE=pl) in a real Chromium whose browser asks for English: the login page, the
 * board with "Statystyki od" and the menu speak Polish; a user picks English in their own settings and back; a wall TV
 * speaks its layout's language, else the installation's. Saves screenshots of each.
 */
const VIEWPORT = { width: 1440, height: 900 };

let board: BrowserBoard;

beforeAll(async () => {
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-language',
    seed: 5,
    env: { DEFAULT_LOCALE: 'pl' },
  });
});

afterAll(async () => {
  await board?.close();
});

async function englishBrowserPage(): Promise<Page> {
  const context = await board.browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  return context.newPage();
}

describe('choosing the language', () => {
  it('greets an English browser in the installation’s Polish, logs in, and shows the board in Polish', async () => {
    const page = await englishBrowserPage();
    await page.goto(board.app.url);
    await page.getByRole('heading', { name: 'Zaloguj się do Tablicy' }).waitFor();
    await page.screenshot({ path: screenshotPath('login-pl.png') });
    await page.getByLabel('Nazwa użytkownika').fill(TEST_OWNER.username);
    await page.getByLabel('Hasło').fill(TEST_OWNER.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByRole('navigation', { name: 'Menu główne' }).waitFor();
    await page.getByLabel('Statystyki od').waitFor();
    await page.screenshot({ path: readmeScreenshotPath('board-pl.png') });
    await page.context().close();
  });

  it('saves the language a user picks in their settings, and back to the installation’s', async () => {
    const context = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, VIEWPORT);
    const page = await context.newPage();
    await page.goto(board.app.url);
    await page.getByRole('button', { name: 'Ustawienia' }).click();
    await page.getByRole('heading', { name: 'Twoje ustawienia' }).waitFor();
    await page.screenshot({ path: screenshotPath('settings-pl.png') });
    await page.getByLabel('Język').selectOption('en');
    await page.getByRole('heading', { name: 'Your settings' }).waitFor();
    await page.getByRole('button', { name: 'Settings' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Your settings' }).waitFor();
    await page.getByLabel('Language').selectOption('');
    await page.getByRole('heading', { name: 'Twoje ustawienia' }).waitFor();
    await context.close();
  });

  it('shows a wall TV in its layout’s language, else in the installation’s, whatever its browser asks for', async () => {
    const context = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, VIEWPORT);
    const kioskOf = async (locale?: 'en') => {
      const layout = await browserApi<Layout>(context, board.app.url, 'POST', '/api/layouts', {
        name: `TV ${locale ?? 'pl'}`,
        columns: 1,
        columnsContent: [[{ id: 'w1', type: 'queueTable', settings: {} }]],
        ...(locale && { locale }),
      });
      expect(layout.status, JSON.stringify(layout.body)).toBe(201);
      const kiosk = await browserApi<KioskCreatedView>(context, board.app.url, 'POST', '/api/kiosk', {
        layoutId: layout.body.id,
      });
      expect(kiosk.status, JSON.stringify(kiosk.body)).toBe(201);
      return `${board.app.url}/?kiosk=${encodeURIComponent(kiosk.body.token)}`;
    };
    const tv = await englishBrowserPage();
    await tv.goto(await kioskOf());
    await tv.getByRole('columnheader', { name: 'Kolejka' }).waitFor();
    await tv.screenshot({ path: screenshotPath('kiosk-pl.png') });
    await tv.goto(await kioskOf('en'));
    await tv.getByRole('columnheader', { name: 'Queue' }).waitFor();
    expect(await tv.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });
});
