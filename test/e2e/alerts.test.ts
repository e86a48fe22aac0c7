import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AlertsConfig } from '../../server/contract/alerts.ts';
import type { Backup } from '../../server/contract/backup.ts';
import type { Layout } from '../../server/contract/layout.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';

/**
 * The Alerts screen in real Chromium against the real server and the simulator: the Owner creates a webhook (its
 * signing secret shown once, never read back) and a rule that notifies it; the server keeps both, and once callers wait the board
 * shows the rule's banner, and the screen's history the raise.
 */
const SCREEN = { width: 1920, height: 1080 };
const SIM_TIMEOUT_MS = 30_000;

let board: BrowserBoard;
let owner: BrowserContext;
let layoutId: string;

const api = <T>(method: string, url: string, data?: unknown) => browserApi<T>(owner, board.app.url, method, url, data);

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-alerts', seed: 21 });
  owner = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, SCREEN);
  const layout = await api<Layout>('POST', '/api/layouts', {
    name: 'Queues',
    columns: 1,
    columnsContent: [[{ id: 'queues', type: 'queueTable', settings: { queues: [], columns: ['name', 'waiting'] } }]],
    since: { kind: 'today' },
    theme: 'dark',
    scope: 'all',
  });
  expect(layout.status).toBe(201);
  layoutId = layout.body.id;
}, 120_000);

afterAll(async () => {
  await board?.close();
});

describe('the Alerts screen', () => {
  it('the Owner creates a webhook and a rule on the screen, the server keeps them and the board shows the banner and the history', async () => {
    const page = await owner.newPage();
    await page.goto(`${board.app.url}/#/home`);
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'New webhook' }).click();
    const hookForm = page.getByRole('form', { name: 'New webhook' });
    await hookForm.getByLabel('Name').fill('Floor chat');
    // A closed port on loopback: deliveries fail and are retried, which this test does not look at.
    await hookForm.getByLabel('Address (http:// or https://)').fill('http://127.0.0.1:9/alerts');
    await hookForm.getByLabel('Format').selectOption('slack');
    await hookForm.getByRole('button', { name: 'Create webhook' }).click();
    await page.locator('tr[data-webhook="Floor chat"]').waitFor();
    const secret = await page.locator('[data-shown-once] input').inputValue();
    expect(secret).toMatch(/^\S{16,}$/);
    await page.locator('[data-shown-once]').getByRole('button', { name: 'Done' }).click();
    expect(await page.locator('[data-shown-once]').count()).toBe(0);

    await page.getByRole('button', { name: 'New rule' }).click();
    const ruleForm = page.getByRole('form', { name: 'New alert rule' });
    await ruleForm.getByLabel('Name').fill('Callers waiting');
    await ruleForm.getByLabel('Metric').selectOption('waiting');
    await ruleForm.getByLabel('Queue').selectOption('');
    await ruleForm.getByLabel('Raise at').fill('0');
    await ruleForm.getByLabel('Raise after it holds for (s)').fill('0');
    await ruleForm.getByLabel('Clear at').fill('0');
    // Cleared only after an hour without callers: it stays raised for the board below.
    await ruleForm.getByLabel('Clear after it holds for (s)').fill('3600');
    await ruleForm.getByLabel('Floor chat').check();
    await ruleForm.getByRole('button', { name: 'Create rule' }).click();
    await page.locator('tr[data-alert-rule="Callers waiting"]').waitFor();

    const { status, body } = await api<AlertsConfig>('GET', '/api/alerts/config');
    expect(status).toBe(200);
    const [webhook] = body.webhooks;
    expect(body.webhooks.map(({ name, url, format }) => ({ name, url, format }))).toEqual([
      { name: 'Floor chat', url: 'http://127.0.0.1:9/alerts', format: 'slack' },
    ]);
    // Reads never carry the secret; the configuration backup keeps the one shown.
    expect(webhook).not.toHaveProperty('secret');
    const backup = await api<Backup>('GET', '/api/backup');
    expect(backup.body.alerts?.webhooks.map((item) => item.secret)).toEqual([secret]);
    expect(body.rules.map(({ id: _id, ...rule }) => rule)).toEqual([
      {
        name: 'Callers waiting',
        queue: null,
        metric: 'waiting',
        raise: { threshold: 0, forSec: 0 },
        clear: { threshold: 0, forSec: 3600 },
        webhooks: [webhook!.id],
        enabled: true,
      },
    ]);

    // Once the simulator's callers wait, the rule is raised and every board shows it, and the history has it.
    await page.goto(`${board.app.url}/#/layouts/${layoutId}`);
    await page
      .locator(`[data-alert="${body.rules[0]!.id}"]`)
      .filter({ hasText: 'Callers waiting' })
      .waitFor({ timeout: SIM_TIMEOUT_MS });
    await page.goto(`${board.app.url}/#/admin/alerts`);
    await page.locator('tr[data-alert-history="raised"]').filter({ hasText: 'Callers waiting' }).first().waitFor();
  });
});
