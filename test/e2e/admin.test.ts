import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskView, PolicyView, UnitView, UserView } from '../../server/contract/accounts.ts';
import type { LayoutSummary } from '../../server/contract/layout.ts';
import type { RetentionRules, StatsResponse } from '../../server/contract/stats.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { readmeScreenshotPath } from '../support/screenshots.ts';
import { byText, expectSortedColumn } from '../support/sorted.ts';

/**
 * The administration screens as the Owner uses them, in a real Chromium against the real server on the AMI simulator:
 * users, units (and the server refusing the Owner as a unit administrator), teams and policies, kiosk links, then data
 * retention with its typed-YES "Delete all". Saves the README's screenshot of the retention screen.
 */
const TV = { width: 1920, height: 1080 };
const SIM_TIMEOUT_MS = 30_000;
const ADMIN = {
  username: 'e2e-admin',
  displayName: 'E2E Admin',
  password: 'e2e admin password',
  interfaces: 'PJSIP/1001, PJSIP/1002',
};
const AGENT = {
  username: 'e2e-agent',
  displayName: 'E2E Agent',
  password: 'e2e agent password',
  interfaces: 'PJSIP/1003',
};

let board: BrowserBoard;
let sim: Simulator;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-admin', seed: 5, speed: 8, rate: 12 });
  ({ app, sim, browser } = board);
  context = await browser.newContext({ viewport: TV });
  page = await context.newPage();
});

afterAll(async () => {
  await board?.close();
});

/** A request through the API as the logged-in browser. */
function api<T>(method: string, url: string, data?: unknown): Promise<{ status: number; body: T }> {
  return browserApi<T>(context, app.url, method, url, data);
}

/** Every counter of today's statistics added up: calls offered and answered, agents' answered and missed calls. */
async function statsTotal(): Promise<number> {
  const { body } = await api<StatsResponse>('GET', '/api/stats');
  const queues = body.queues.reduce((sum, queue) => sum + queue.offered + queue.answered + queue.abandoned, 0);
  return body.agents.reduce((sum, agent) => sum + agent.answered + agent.missed, queues);
}

async function openAdmin(link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Home' }).click();
  await page.getByRole('region', { name: 'Administration' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: link, exact: true }).waitFor();
}

const row = (kind: string, name: string): Locator => page.locator(`[data-${kind}-row="${name}"]`);
const alert = (): Promise<string | null> => page.getByRole('alert').textContent();
const status = (): Promise<string | null> => page.getByRole('status').first().textContent();

async function createUser(user: typeof ADMIN, role: string): Promise<void> {
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('form', { name: 'New user' });
  await form.getByLabel('Username').fill(user.username);
  await form.getByLabel('Display name').fill(user.displayName);
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByLabel('Linked queue interfaces').fill(user.interfaces);
  await form.getByLabel('Password').fill(user.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect.poll(status).toBe(`Created ${user.displayName} (${user.username}).`);
  await row('user', user.username).waitFor();
}

describe('administration, as the Owner', () => {
  it('logs in and finds the administration on the home screen', async () => {
    await page.goto(`${app.url}/#/home`);
    await page.getByLabel('Username').fill(TEST_OWNER.username);
    await page.getByLabel('Password').fill(TEST_OWNER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    const admin = page.getByRole('region', { name: 'Administration' });
    await admin.getByRole('link', { name: 'Users', exact: true }).waitFor();
    const links = await admin.getByRole('link').allTextContents();
    expect(links).toEqual(
      expect.arrayContaining([
        'Users',
        'Organisational units',
        'Teams and policies',
        'Call monitoring',
        'Kiosk links',
        'Data retention',
      ]),
    );
    expect(await page.getByLabel('Password').count()).toBe(0);
  });

  it('creates users, sorts the list by a header, edits, resets a password and disables', async () => {
    await openAdmin('Users');
    await createUser(ADMIN, 'Administrator');
    await createUser(AGENT, 'Agent');
    const created = (await api<UserView[]>('GET', '/api/users')).body.find((user) => user.username === ADMIN.username);
    expect(created).toMatchObject({
      role: 'administrator',
      displayName: ADMIN.displayName,
      interfaces: ['PJSIP/1001', 'PJSIP/1002'],
    });

    const header = page.locator('th', { hasText: 'Username' });
    const names = () => page.locator('[data-user-row] td:first-child').allTextContents();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await expectSortedColumn(names, 'ascending', byText);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await names()).toEqual([...ascending].reverse());

    await page.getByRole('button', { name: `Edit ${AGENT.username}` }).click();
    const edit = page.getByRole('form', { name: `Edit ${AGENT.displayName} (${AGENT.username})` });
    await edit.getByLabel('Display name').fill('E2E Agent Two');
    await edit.getByLabel('Role').selectOption({ label: 'Supervisor' });
    await edit.getByRole('button', { name: 'Save user' }).click();
    await expect.poll(() => row('user', AGENT.username).textContent()).toMatch(/E2E Agent Two.*Supervisor/);

    await page.getByRole('button', { name: `Reset password of ${AGENT.username}` }).click();
    const reset = page.getByRole('form', { name: /Reset the password/ });
    await reset.getByLabel('New password').fill('short');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(alert).toMatch(/Password must be at least 12 characters/);
    await reset.getByLabel('New password').fill('a new e2e agent password');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(status).toMatch(/New password set for E2E Agent Two/);

    await page.getByRole('button', { name: `Disable ${AGENT.username}` }).click();
    await page.getByRole('dialog', { name: 'Disable user' }).getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row('user', AGENT.username).textContent()).toMatch(/Disabled/);
    expect(
      (await api<UserView[]>('GET', '/api/users')).body.find((user) => user.username === AGENT.username)?.disabled,
    ).toBe(true);
  });

  it('creates a unit with an Administrator and known queues, and offers only Administrators as its administrators', async () => {
    await openAdmin('Organisational units');
    await page.getByRole('button', { name: 'New unit' }).click();
    const form = page.getByRole('form', { name: 'New unit' });
    await form.getByLabel('Unit name').fill('E2E unit');
    const adminLabel = `${ADMIN.displayName} (${ADMIN.username})`;
    await form.getByRole('group', { name: 'Members' }).getByLabel(adminLabel).check();
    const administrators = form.getByRole('group', { name: /^Administrators/ });
    await administrators.getByLabel(adminLabel).check();
    await form.getByRole('group', { name: 'Queues' }).getByLabel('sales', { exact: true }).check();
    await form.getByRole('group', { name: 'Queues' }).getByLabel('support', { exact: true }).check();
    await form.getByRole('button', { name: 'Create unit' }).click();
    await expect.poll(() => row('unit', 'E2E unit').textContent()).toContain(adminLabel);
    const units = (await api<UnitView[]>('GET', '/api/units')).body;
    const users = (await api<UserView[]>('GET', '/api/users')).body;
    const adminId = users.find((user) => user.username === ADMIN.username)?.id;
    expect(units).toMatchObject([{ name: 'E2E unit', administrators: [adminId], members: [adminId] }]);
    expect([...(units[0]?.queues ?? [])].sort()).toEqual(['sales', 'support']);

    await page.getByRole('button', { name: 'Edit E2E unit' }).click();
    const edit = page.getByRole('form', { name: 'Edit E2E unit' });
    const offered = await edit
      .getByRole('group', { name: /^Administrators/ })
      .getByRole('checkbox')
      .count();
    const admins = users.filter((user) => user.role === 'administrator').length;
    expect(offered).toBe(admins);
    expect(await edit.getByRole('group', { name: 'Members' }).getByRole('checkbox').count()).toBe(users.length);
    await edit.getByRole('button', { name: 'Cancel' }).click();
  });

  it('adds a policy to a team by choosing both, and edits it', async () => {
    await openAdmin('Teams and policies');
    await page.getByRole('button', { name: 'New team' }).click();
    const team = page.getByRole('form', { name: 'New team' });
    await team.getByLabel('Team name').fill('E2E team');
    await team.getByRole('group', { name: 'Members' }).getByLabel(`E2E Agent Two (${AGENT.username})`).check();
    await team.getByRole('button', { name: 'Create team' }).click();
    await row('team', 'E2E team').waitFor();

    await page.getByRole('button', { name: 'Add policy' }).click();
    const add = page.getByRole('form', { name: 'Add policy' });
    const policies = await add.getByLabel('Policy').locator('option').allTextContents();
    // The seed's seven, and the two of acting on agents.
    expect(policies).toHaveLength(9);
    expect(policies).toContain('Call Presence: hide phone numbers');
    expect(policies).toContain('Agents and queues: members may not pause themselves');
    await add.getByLabel('Policy').selectOption({ label: 'Chat: disable' });
    // What the chosen policy does is said beside it.
    await add.getByText('Chat is off for members.').waitFor();
    await add.getByLabel('Team').selectOption({ label: 'E2E team' });
    await add.getByRole('button', { name: 'Add policy' }).click();
    await page.getByRole('button', { name: 'Edit Chat: disable of E2E team' }).click();
    const edit = page.getByRole('form', { name: 'Edit policy Chat: disable' });
    await edit.getByLabel('Policy').selectOption({ label: 'Chat: allow within a team only' });
    await edit.getByRole('button', { name: 'Save policy' }).click();
    await row('policy', 'chat.teamOnly').waitFor();
    const saved = (await api<PolicyView[]>('GET', '/api/policies')).body;
    expect(saved).toEqual([expect.objectContaining({ policy: 'chat.teamOnly' })]);
  });

  it('creates a kiosk link, shows its address once, and revokes it after asking', async () => {
    await openAdmin('Kiosk links');
    const [layout] = (await api<LayoutSummary[]>('GET', '/api/layouts?sort=name&dir=asc')).body;
    await page.getByLabel('Layout', { exact: true }).selectOption(layout!.id);
    await page.getByLabel('Name').fill('Hall TV');
    await page.getByRole('button', { name: 'Create link' }).click();
    const address = await page.getByLabel('Kiosk address').inputValue();
    expect(address).toMatch(new RegExp(`^${app.url}/\\?kiosk=[^&]+$`));
    await row('kiosk', 'Hall TV').waitFor();
    expect((await api<KioskView[]>('GET', '/api/kiosk')).body.map((kiosk) => kiosk.name)).toEqual(['Hall TV']);
    // The address works: a TV opening it sees the layout.
    const tv = await (await browser.newContext({ viewport: TV })).newPage();
    await tv.goto(address);
    await tv.locator(`[data-layout="${layout!.id}"]`).waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Revoke Hall TV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke kiosk link' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await row('kiosk', 'Hall TV').count()).toBe(1);
    await page.getByRole('button', { name: 'Revoke Hall TV' }).click();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row('kiosk', 'Hall TV').count()).toBe(0);
    expect((await api<KioskView[]>('GET', '/api/kiosk')).body).toEqual([]);
    await tv.locator('[data-revoked]').waitFor();
  });
});

describe('a unit administrator', () => {
  it("logs in and sees only the unit's queue and agents on the board", async () => {
    const lead = { username: 'e2e-lead', password: 'e2e lead password' };
    const created = await api<UserView>('POST', '/api/users', {
      ...lead,
      displayName: 'Sales Lead',
      role: 'administrator',
      interfaces: ['Local/1001@agents', 'Local/1003@agents'],
    });
    expect(created.status).toBe(201);
    const unit = await api<UnitView>('POST', '/api/units', {
      name: 'Sales floor',
      members: [created.body.id],
      administrators: [created.body.id],
      queues: ['sales'],
    });
    expect(unit.status).toBe(201);

    const leadContext = await browser.newContext({ viewport: TV });
    const leadPage = await leadContext.newPage();
    try {
      await leadPage.goto(`${app.url}/#/home`);
      await leadPage.getByLabel('Username').fill(lead.username);
      await leadPage.getByLabel('Password').fill(lead.password);
      await leadPage.getByRole('button', { name: 'Log in' }).click();
      await leadPage.getByRole('region', { name: 'Administration' }).waitFor();
      await leadPage.goto(`${app.url}/#/`);
      await leadPage.waitForSelector('tr[data-agent]', { timeout: SIM_TIMEOUT_MS });
      const shown = () =>
        leadPage.$$eval('[data-queue], tr[data-agent]', (nodes) =>
          nodes.map((node) => node.getAttribute('data-queue') ?? node.getAttribute('data-agent')).sort(),
        );
      // The whole board has three queues and eight agents; the unit has one queue and two of its users' phones.
      await expect
        .poll(shown, { timeout: SIM_TIMEOUT_MS })
        .toEqual(['Local/1001@agents', 'Local/1003@agents', 'sales']);
      await leadPage.screenshot({ path: readmeScreenshotPath('unit-admin.png') });
      // Nothing outside the unit is in the page at all, not merely hidden.
      const html = await leadPage.content();
      for (const outside of ['Local/1002@agents', 'Local/1004@agents', 'billing', 'support'])
        expect(html).not.toContain(outside);
    } finally {
      await leadContext.close();
    }
  });
});

describe('data retention', () => {
  const section = (name: string): Locator => page.getByRole('region', { name });

  it('refuses a rule out of 1–999 days in the form, saves a good one, and shows it after a reload', async () => {
    await openAdmin('Data retention');
    const records = section('Call records');
    expect(await records.getByLabel(/^Days/).isDisabled()).toBe(true);
    await records.getByLabel('Keep for a number of days').check();
    expect(await records.getByLabel(/^Days/).isEditable()).toBe(true);
    await records.getByLabel(/^Days/).fill('1000');
    await records.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => records.getByRole('alert').textContent()).toMatch(/whole number of days from 1 to 999/);
    expect((await api<RetentionRules>('GET', '/api/retention')).body.callRecords).toEqual({ days: null });

    await records.getByLabel(/^Days/).fill('30');
    await records.getByLabel(/^Days/).press('Enter');
    await expect.poll(status).toBe('Call records: now kept for 30 days.');
    expect((await api<RetentionRules>('GET', '/api/retention')).body).toMatchObject({
      callRecords: { days: 30 },
      statistics: { days: null },
    });
    await page.reload();
    await expect.poll(() => section('Call records').textContent()).toContain('Now kept for 30 days.');
    expect(await section('Call records').getByLabel(/^Days/).inputValue()).toBe('30');
    expect(await section('Call records').getByLabel('Keep for a number of days').isChecked()).toBe(true);
    expect(await section('Wallboard statistics').getByLabel('Keep forever').isChecked()).toBe(true);
    await section('Call records').getByLabel('Keep forever').check();
    expect(await section('Call records').getByLabel(/^Days/).isDisabled()).toBe(true);
  });

  it('deletes nothing on "No", and keeps "Delete all" disabled until exactly YES is typed', async () => {
    await expect.poll(statsTotal, { timeout: SIM_TIMEOUT_MS }).toBeGreaterThan(0);
    const before = await statsTotal();
    await section('Wallboard statistics').getByRole('button', { name: 'Delete all' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete all wallboard statistics?' });
    const confirm = dialog.getByRole('button', { name: 'Delete all' });
    const box = dialog.getByLabel('Type YES to confirm');
    expect(await confirm.isDisabled()).toBe(true);
    for (const typed of ['yes', 'Yes', 'YES ', ' YES', 'YESS', 'NO']) {
      await box.fill(typed);
      expect(await confirm.isDisabled(), typed).toBe(true);
    }
    await dialog.getByRole('button', { name: 'No' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await statsTotal()).toBeGreaterThanOrEqual(before);
  });

  it('deletes every statistic once YES is typed, and says what went', async () => {
    // Without calls coming in, "nothing left" can be told from "counted again since".
    await sim.close();
    let previous = -1;
    const settled = async (): Promise<boolean> => {
      const total = await statsTotal();
      const same = total === previous;
      previous = total;
      return same;
    };
    await expect.poll(settled, { timeout: 10_000, interval: 1_000 }).toBe(true);
    await section('Wallboard statistics').getByRole('button', { name: 'Delete all' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete all wallboard statistics?' });
    expect(await dialog.getByLabel('Type YES to confirm').inputValue()).toBe('');
    await dialog.getByLabel('Type YES to confirm').fill('YES');
    const confirm = dialog.getByRole('button', { name: 'Delete all' });
    expect(await confirm.isEnabled()).toBe(true);
    await page.screenshot({ path: readmeScreenshotPath('retention.png') });
    await confirm.click();
    await expect.poll(status).toMatch(/^Wallboard statistics: deleted [1-9]\d* records?\.$/);
    expect(await statsTotal()).toBe(0);
  });
});
