import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Layout } from '../../server/contract/layout.ts';
import type { App } from '../../server/compose.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';

/**
 * What a user trips over in everyday use, in a real Chromium against the real server on the AMI simulator: controls
 * drawn as SVG icons with names (no emoji, which a browser without an emoji font shows as empty boxes), the question
 * before unsaved layout work is thrown away, and an agent who opens an administration address.
 */
const TV = { width: 1920, height: 1080 };
const AGENT = { username: 'e2e-everyday-agent', displayName: 'Everyday Agent', password: 'everyday agent password' };

/**
 * Pictographs (emoji) and the symbol blocks whose glyphs come from emoji or symbol fonts: arrows, geometric shapes,
 * dingbats, braille. Text punctuation (dashes, ellipsis, quotes) is not among them.
 */
const SYMBOL = /[\p{Extended_Pictographic}\u2190-\u21ff\u25a0-\u25ff\u2700-\u27bf\u2800-\u28ff\u2b00-\u2bff]/u;

let board: BrowserBoard;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let layout: Layout;

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-everyday', seed: 17 });
  ({ app, browser } = board);
  context = await browser.newContext({ viewport: TV });
  page = await context.newPage();
  await logIn(page, TEST_OWNER, '#/layouts');
  const widgets = [
    { id: 'queues', type: 'queueTable', title: 'Queues', settings: {} },
    { id: 'waiting', type: 'waitingCallers', settings: {} },
  ];
  const created = await browserApi<Layout>(context, app.url, 'POST', '/api/layouts', {
    name: 'Everyday floor',
    columns: 1,
    columnsContent: [widgets],
    since: { kind: 'today' },
    theme: 'dark',
  });
  expect(created).toMatchObject({ status: 201 });
  layout = created.body;
});

afterAll(async () => {
  await board?.close();
});

async function logIn(on: Page, user: { username: string; password: string }, hash: string): Promise<void> {
  await on.goto(`${app.url}/${hash}`);
  await on.getByLabel('Username').fill(user.username);
  await on.getByLabel('Password').fill(user.password);
  await on.getByRole('button', { name: 'Log in' }).click();
  await on.getByRole('navigation', { name: 'Main menu' }).waitFor();
}

async function open(hash: string, heading: string): Promise<void> {
  await page.evaluate((to) => (location.hash = to), hash);
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
}

const symbolsOnScreen = (): Promise<string[]> =>
  page.evaluate(
    (source) => [...document.body.innerText.matchAll(new RegExp(source, 'gu'))].map((match) => match[0]),
    SYMBOL.source,
  );

describe('icons', () => {
  it('shows no emoji or symbol glyphs as text on the main screens', async () => {
    const screens: [string, string][] = [
      ['#/home', 'Tablica administration'],
      ['#/layouts', 'Open layout'],
      [`#/layouts/${layout.id}/edit`, 'Edit layout'],
      ['#/admin/users', 'Users'],
      ['#/admin/retention', 'Data retention'],
    ];
    for (const [hash, heading] of screens) {
      await open(hash, heading);
      expect({ hash, symbols: await symbolsOnScreen() }).toEqual({ hash, symbols: [] });
    }
  });

  it('draws the layout list and editor controls as SVG icons inside named buttons', async () => {
    await open('#/layouts', 'Open layout');
    const row = page.locator(`[data-layout-row="${layout.id}"]`);
    for (const name of [`Open ${layout.name}`, `Export ${layout.name}`, `Delete ${layout.name}`]) {
      const control = row.getByRole(name.startsWith('Export') ? 'link' : 'button', { name, exact: true });
      const box = await control.locator('svg').boundingBox();
      expect(box && box.width > 8 && box.height > 8, name).toBe(true);
    }
    await open(`#/layouts/${layout.id}/edit`, 'Edit layout');
    const card = page.locator('[data-editor-widget="queues"]');
    await card.getByRole('button', { name: 'Move Queues down' }).locator('svg').waitFor();
    await card.getByRole('button', { name: 'Remove Queues' }).locator('svg').waitFor();
    const unnamed = await page
      .locator('button:has(svg), a:has(svg)')
      .evaluateAll(
        (controls) =>
          controls.filter((control) => (control.getAttribute('aria-label') ?? control.textContent ?? '').trim() === '')
            .length,
      );
    expect(unnamed).toBe(0);
  });
});

describe('unsaved layout work', () => {
  const dialog = () => page.getByRole('dialog', { name: 'Leave without saving?' });

  async function editName(): Promise<void> {
    await open('#/layouts', 'Open layout');
    // The heading names the layout once it is loaded: typing before that would be replaced by the loaded name.
    await open(`#/layouts/${layout.id}/edit`, `Edit layout: ${layout.name}`);
    await page.getByLabel('Name', { exact: true }).fill('Everyday floor, renamed');
    await page.locator('[data-dirty]').waitFor();
  }

  it('asks before the menu leaves it, keeps the work when the user stays, and leaves when told to', async () => {
    await editName();
    const openLayout = page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Open layout' });
    await openLayout.click();
    await dialog().waitFor();
    await dialog().getByRole('button', { name: 'Stay and keep editing' }).click();
    await dialog().waitFor({ state: 'hidden' });
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Everyday floor, renamed');
    expect(new URL(page.url()).hash).toBe(`#/layouts/${layout.id}/edit`);
    await openLayout.click();
    await dialog().getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open layout' }).waitFor();
  });

  it("asks before the browser's Back leaves it, and goes back once the user says to leave", async () => {
    await editName();
    await page.goBack();
    await dialog().waitFor();
    expect(new URL(page.url()).hash).toBe(`#/layouts/${layout.id}/edit`);
    await dialog().getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open layout' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/layouts');
  });

  it('leaves a layout without changes at once', async () => {
    await open(`#/layouts/${layout.id}/edit`, `Edit layout: ${layout.name}`);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Open layout' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open layout' }).waitFor();
    expect(await dialog().isVisible()).toBe(false);
  });
});

describe('an agent at an administration address', () => {
  it('is told there is no access, with a way home, and offered no administration controls', async () => {
    const created = await browserApi(context, app.url, 'POST', '/api/users', { ...AGENT, role: 'agent' });
    expect(created.status).toBe(201);
    const agentContext = await browser.newContext({ viewport: TV });
    const agent = await agentContext.newPage();
    await logIn(agent, AGENT, '#/admin/users');
    await agent.getByText('You do not have access to this page').waitFor();
    expect(await agent.getByRole('button', { name: 'New user' }).count()).toBe(0);
    expect(await agent.getByText('Loading…').count()).toBe(0);
    await agent.getByRole('link', { name: 'Go to the home page' }).click();
    await agent.getByRole('heading', { level: 1, name: 'Tablica administration' }).waitFor();
    await agentContext.close();
  });
});
