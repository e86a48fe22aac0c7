import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { readmeScreenshotPath, screenshotPath } from '../support/screenshots.ts';

/**
 * The layout editor and the layout list as a Polish supervisor sees them, in a real Chromium: a layout without a name
 * refused in Polish, a new layout built with "+" from the widgets' Polish names, a default title in Polish beside a
 * title the user typed, which stays as typed, and the shipped layouts' widgets under their Polish default titles.
 * Then the administration home. Saves screenshots of the editor, the list and the home.
 */
const VIEWPORT = { width: 1440, height: 900 };
const NAME = 'Sala sprzedaży';
const TYPED_TITLE = 'Waiting now';

let board: BrowserBoard;
let owner: BrowserContext;
let page: Page;

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-editor-polish', seed: 3 });
  owner = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, VIEWPORT);
  const chosen = await browserApi(owner, board.app.url, 'PATCH', '/api/me', { locale: 'pl' });
  expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
  page = await owner.newPage();
});

afterAll(async () => {
  await board?.close();
});

const card = (index: number) => page.locator('[data-editor-widget][data-type="kpi"]').nth(index);

async function addKpi(): Promise<void> {
  await page.getByRole('button', { name: 'Dodaj element do kolumny 1' }).click();
  await page
    .getByRole('list', { name: 'Elementy' })
    .getByRole('button', { name: /^Kafelek KPI/ })
    .click();
}

describe('the layout editor in Polish', () => {
  it('asks for a name, builds a layout from the Polish "+" menu with a typed title kept as typed, and saves it', async () => {
    await page.goto(`${board.app.url}/#/new`);
    await page.getByRole('heading', { level: 1, name: 'Nowy układ' }).waitFor();
    await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await page.locator('[data-problem]', { hasText: 'Przed zapisaniem nadaj układowi nazwę.' }).waitFor();
    await page.getByLabel('Nazwa', { exact: true }).fill(NAME);
    await addKpi();
    await addKpi();
    // The first tile keeps its default title; the second gets one typed in English, which no language changes.
    expect(await card(0).getByRole('button', { name: 'Ustawienia: Kafelek KPI' }).count()).toBe(1);
    await card(1).getByLabel('Tytuł').fill(TYPED_TITLE);
    await card(1).getByLabel('Tytuł').press('Tab');
    await card(1)
      .getByRole('button', { name: `Ustawienia: ${TYPED_TITLE}` })
      .waitFor();
    expect(await card(0).getByLabel('Tytuł').getAttribute('placeholder')).toBe('(domyślny)');
    await page.screenshot({ path: readmeScreenshotPath('editor-pl.png') });
    await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await page.waitForURL(/#\/layouts\/[^/]+\/edit$/);
    await page.getByRole('heading', { level: 1, name: `Edytuj układ: ${NAME}` }).waitFor();
  });

  it('shows the default title in Polish and the typed one as typed', async () => {
    await page.getByRole('button', { name: 'Wyświetl', exact: true }).click();
    const titles = page.locator('[data-widget="kpi"] h2');
    await expect.poll(() => titles.allInnerTexts()).toEqual(['Oczekujący', TYPED_TITLE]);
  });

  it('lists the layouts in Polish, each with who it is shared with', async () => {
    await page.goto(`${board.app.url}/#/layouts`);
    await page.getByRole('heading', { level: 1, name: 'Otwórz układ' }).waitFor();
    const row = page.locator('tr[data-layout-row]', { hasText: NAME });
    await row.waitFor();
    expect(await row.locator('[data-scope]').innerText()).toBe('Wszyscy');
    expect(await page.getByRole('columnheader', { name: 'Dostęp' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('layout-list-pl.png') });
  });

  it('shows a shipped layout’s widgets under their Polish default titles', async () => {
    await page.goto(`${board.app.url}/#/layouts/overview`);
    await page.locator('[data-widget="queueTable"] h2', { hasText: 'Kolejki' }).waitFor();
    await page.locator('[data-widget="kpi"] h2', { hasText: 'Poziom obsługi' }).waitFor();
  });

  it('opens the administration home in Polish, naming the role as the user list does', async () => {
    await page.goto(`${board.app.url}/#/home`);
    await page.getByRole('heading', { level: 1, name: 'Administracja Tablicy' }).waitFor();
    expect(await page.getByText(/^Zalogowano jako .+ \(Właściciel\)\.$/).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Układy' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('home-pl.png') });
  });
});
