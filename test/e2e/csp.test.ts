import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView } from '../../server/contract/accounts.ts';
import { ADMIN_AREAS } from '../../web/screens/route.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';

/**
 * Every screen of the web app in a real Chromium under the server's Content-Security-Policy: the set-up and the login,
 * the live board, the administration home, the layout list, a layout with statistics (figures and a chart), the
 * editor (an existing layout with a widget's settings open, and a new one), the chat, the calls, every
 * administration screen and a wall TV's kiosk link. The browser reports nothing it had to refuse: no
 * `securitypolicyviolation` event, no console line about the policy.
 */
const VIEWPORT = { width: 1440, height: 900 };

let board: BrowserBoard;
/** The policy of every page (document) loaded. */
const policies: string[] = [];
/** What the browser refused, with the page it happened on. */
const violations: string[] = [];
/** Screens drawn, so that a screen left out of the walk shows in the test's failure. */
const drawn: string[] = [];

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-csp', seed: 11 });
});

afterAll(async () => {
  await board?.close();
});

/** A page that records what the policy refused, whatever screen it shows. */
async function watched(page: Page): Promise<Page> {
  await page.exposeFunction('reportViolation', (text: string) => violations.push(`${page.url()}: ${text}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report(`violation of ${event.violatedDirective}: ${event.blockedURI || 'inline'} blocked`);
    });
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    if (/Content.Security.Policy|unsafe-eval/i.test(error.message)) violations.push(`${page.url()}: ${error.message}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') {
      policies.push(response.headers()['content-security-policy'] ?? '');
    }
  });
  return page;
}

/** Opens a screen and waits for what shows it is drawn, then for two frames more (styles applied, charts drawn). */
async function open(page: Page, url: string, shown: string): Promise<void> {
  await page.goto(url);
  await page.locator(shown).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  drawn.push(new URL(url).hash || new URL(url).search || '/');
}

describe('the Content-Security-Policy on every screen', () => {
  it('is sent with every page, strict for scripts and styles, and broken by none of them', async () => {
    const { url } = board.app;
    const anonymous = await watched(await (await board.browser.newContext({ viewport: VIEWPORT })).newPage());
    await open(anonymous, url, '#login-title');
    // The set-up screen as a first start shows it (this board has its Owner from OWNER_*): only the answer of
    // GET /api/setup is changed, the page and its policy are the server's.
    await anonymous.route('**/api/setup', (route) => route.fulfill({ json: { needed: true } }));
    await open(anonymous, `${url}/?first`, '#setup-title');

    const context = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, VIEWPORT);
    const page = await watched(await context.newPage());
    await open(page, url, '[data-queue]');
    await open(page, `${url}/#/home`, '#home-wallboard');
    await open(page, `${url}/#/layouts`, '[data-layout-row]');
    await open(page, `${url}/#/layouts/overview`, '[data-widget-id] canvas');
    await open(page, `${url}/#/layouts/overview/edit`, '[data-editor-widget]');
    // A widget's settings open: the editor's forms, the queue picker and the threshold fields.
    await page.locator('[data-editor-widget] button[aria-expanded="false"]').first().click();
    await page.locator('[data-editor-widget] .settings').first().waitFor();
    await open(page, `${url}/#/new`, '#editor-title');
    await open(page, `${url}/#/chat`, '#chat-title');
    await open(page, `${url}/#/calls`, 'main.admin h1');
    for (const area of ADMIN_AREAS) await open(page, `${url}/#/admin/${area}`, 'main.admin h1');

    const kiosk = await browserApi<KioskCreatedView>(context, url, 'POST', '/api/kiosk', {
      layoutId: 'overview',
      name: 'Hall TV',
    });
    expect(kiosk.status).toBe(201);
    const tv = await watched(await (await board.browser.newContext({ viewport: VIEWPORT })).newPage());
    await open(tv, `${url}/?kiosk=${encodeURIComponent(kiosk.body.token)}`, '[data-widget-id] canvas');

    expect(violations).toEqual([]);
    expect(drawn).toHaveLength(11 + ADMIN_AREAS.length);
    expect(policies.length).toBeGreaterThanOrEqual(4);
    for (const policy of policies) {
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain('unsafe');
    }
  });
});
