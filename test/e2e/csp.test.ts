import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView } from '../../server/contract/accounts.ts';
import { ADMIN_AREAS } from '../../web/screens/route.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';

/**
 * Every screen of the web app in a real Chromium under the server's Content-Security-Policy: the login, the live
 * board, the home, the layout list, a layout with statistics (figures and a chart), the editor (an existing layout and
 * a new one), the chat, every administration screen and a wall TV's kiosk link. The browser reports nothing it had to
 * refuse: no `securitypolicyviolation` event, no console line about the policy.
 */
const VIEWPORT = { width: 1440, height: 900 };

let board: BrowserBoard;
const policies: string[] = [];
const violations: string[] = [];

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-csp', seed: 11 });
});

afterAll(async () => {
  await board?.close();
});

/** A page that records what the policy refused, whatever screen it shows. */
async function watched(page: Page): Promise<Page> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') policies.push(response.headers()['content-security-policy'] ?? '');
  });
  return page;
}

/** Opens a screen and waits for what shows it is drawn, then for two frames more. */
async function open(page: Page, url: string, drawn: string): Promise<void> {
  await page.goto(url);
  await page.locator(drawn).first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe('the Content-Security-Policy on every screen', () => {
  it('is sent with every page and broken by none of them', async () => {
    const { url } = board.app;
    const anonymous = await watched(await (await board.browser.newContext({ viewport: VIEWPORT })).newPage());
    await open(anonymous, url, '#login-title');

    const context = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, VIEWPORT);
    const page = await watched(await context.newPage());
    await open(page, url, '[data-queue]');
    await open(page, `${url}/#/home`, '#home-wallboard');
    await open(page, `${url}/#/layouts`, 'h1');
    await open(page, `${url}/#/layouts/overview`, '[data-widget-id] canvas');
    await open(page, `${url}/#/layouts/overview/edit`, '#editor-title');
    await open(page, `${url}/#/new`, '#editor-title');
    await open(page, `${url}/#/chat`, '#chat-title');
    for (const area of ADMIN_AREAS) await open(page, `${url}/#/admin/${area}`, 'main.admin h1');

    const kiosk = await browserApi<KioskCreatedView>(context, url, 'POST', '/api/kiosks', { layoutId: 'overview', name: 'Hall TV' });
    expect(kiosk.status).toBe(201);
    const tv = await watched(await (await board.browser.newContext({ viewport: VIEWPORT })).newPage());
    await open(tv, `${url}/?kiosk=${encodeURIComponent(kiosk.body.token)}`, '[data-widget-id] canvas');

    expect(policies.length).toBeGreaterThanOrEqual(3);
    for (const policy of policies) expect(policy).toContain("script-src 'self'");
    expect(violations).toEqual([]);
  });
});
