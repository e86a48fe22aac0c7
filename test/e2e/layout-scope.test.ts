import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserView } from '../../server/contract/accounts.ts';
import type { LayoutRow } from '../../server/contract/layout.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';

/**
 * Who a layout is shared with, set in the editor of a real Chromium and enforced by the server for another user: the
 * Owner saves a layout for its owner only, and a supervisor neither lists nor opens it; shared with everyone, the
 * supervisor lists it, without the Delete the server would refuse them. A supervisor bound to a unit is offered only
 * the scopes the server lets them give (never "Everyone").
 */
const VIEWPORT = { width: 1440, height: 900 };
const NAME = 'Private wall';

let board: BrowserBoard;
let owner: BrowserContext;
let ownerPage: Page;
let sam: BrowserContext;
let una: BrowserContext;
let layoutId = '';

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-layout-scope', seed: 5 });
  const { url } = board.app;
  owner = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, VIEWPORT);
  const user = async (username: string): Promise<string> => {
    const created = await browserApi<UserView>(owner, url, 'POST', '/api/users', {
      username,
      password: `${username} password 1`,
      role: 'supervisor',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  };
  await user('sam');
  const unit = await browserApi(owner, url, 'POST', '/api/units', {
    name: 'Sales floor',
    members: [await user('una')],
  });
  expect(unit.status, JSON.stringify(unit.body)).toBe(201);
  sam = await loggedInContext(board, 'sam', 'sam password 1', VIEWPORT);
  una = await loggedInContext(board, 'una', 'una password 1', VIEWPORT);
  ownerPage = await owner.newPage();
});

afterAll(async () => {
  await board?.close();
});

const samsList = async () => (await browserApi<LayoutRow[]>(sam, board.app.url, 'GET', '/api/layouts')).body;

/** Chooses who the layout in the editor is shared with and saves it: a new one then opens in the editor by its id. */
async function saveSharedWith(label: string, created = false): Promise<void> {
  await ownerPage.selectOption('#editor-scope', { label });
  await ownerPage.getByRole('button', { name: 'Save', exact: true }).click();
  if (created) await ownerPage.waitForURL(/#\/layouts\/[^/]+\/edit$/);
  else await ownerPage.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
}

describe('a layout’s scope', () => {
  it('for its owner only: another user neither lists nor opens it', async () => {
    await ownerPage.goto(`${board.app.url}/#/new`);
    await ownerPage.fill('#editor-name', NAME);
    // The Owner sees the whole board: every scope is offered, "Everyone" first (the default).
    expect(await ownerPage.locator('#editor-scope option').allTextContents()).toEqual([
      'Everyone',
      'Its owner’s units',
      'Its owner only',
    ]);
    await saveSharedWith('Its owner only', true);
    layoutId = decodeURIComponent(/#\/layouts\/([^/]+)\/edit$/.exec(ownerPage.url())![1]!);

    expect((await samsList()).map((row) => row.id)).not.toContain(layoutId);
    const opened = await browserApi(sam, board.app.url, 'GET', `/api/layouts/${layoutId}`);
    expect(opened.status).toBe(404);
    const page = await sam.newPage();
    await page.goto(`${board.app.url}/#/layouts`);
    await page.locator('[data-layout-row]').first().waitFor();
    expect(await page.locator('[data-layout-row] .name').allTextContents()).not.toContain(NAME);
    await page.close();
  });

  it('for everyone: the other user lists it, and may not delete it', async () => {
    // The editor has loaded the saved layout, shared as it was saved.
    await ownerPage
      .locator('#editor-scope option:checked', { hasText: 'Its owner only' })
      .waitFor({ state: 'attached' });
    await saveSharedWith('Everyone');
    expect((await samsList()).find((row) => row.id === layoutId)).toMatchObject({ scope: 'all', mayChange: false });
    const page = await sam.newPage();
    await page.goto(`${board.app.url}/#/layouts`);
    const row = page.locator(`[data-layout-row="${layoutId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-scope]').textContent()).toBe('Everyone');
    expect(await row.getByRole('button', { name: `Delete ${NAME}` }).count()).toBe(0);
    expect(await row.getByRole('button', { name: `Open ${NAME}` }).count()).toBe(1);
    const refused = await browserApi(sam, board.app.url, 'DELETE', `/api/layouts/${layoutId}`);
    expect(refused.status).toBe(403);
    await page.close();
  });

  it('is offered to a user bound to a unit within the unit at most', async () => {
    const page = await una.newPage();
    await page.goto(`${board.app.url}/#/new`);
    await page.locator('#editor-scope').waitFor();
    expect(await page.locator('#editor-scope option').allTextContents()).toEqual([
      'Its owner’s units',
      'Its owner only',
    ]);
    // And the server refuses what the browser does not offer.
    const everyone = await browserApi(una, board.app.url, 'POST', '/api/layouts', {
      name: 'Everyone’s',
      columns: 1,
      scope: 'all',
    });
    expect(everyone.status).toBe(403);
    await page.close();
  });
});
