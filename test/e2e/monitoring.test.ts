import { Redis } from 'ioredis';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KioskCreatedView, UserView } from '../../server/contract/accounts.ts';
import type { Layout } from '../../server/contract/layout.ts';
import type { MonitorGroupView, MonitorSessionView } from '../../server/contract/monitoring.ts';
import { monitoringKeys } from '../../server/store/keys.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { screenshotPath } from '../support/screenshots.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Call monitoring in real Chromium against the real server and the simulator: a supervisor with a phone clicks Listen
 * on an agent on a call, sees the session, switches to Whisper and stops; the agent and a kiosk see no monitoring controls; the
 * Owner sees a session start live on the admin screen, ends it, finds it in the history, and renames the group.
 */
const LAPTOP = { width: 1366, height: 768 };
const SUPERVISOR = { username: 'sam', displayName: 'Sam Supervisor', password: 'sam monitoring password' };
const SIM_TIMEOUT_MS = 30_000;

let board: BrowserBoard;
/** Each simulated agent's user, by interface. */
const agentUsers = new Map<string, { username: string; password: string }>();

beforeAll(async () => {
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-monitoring',
    seed: 16,
    // Calls that last, so that the one clicked is still connected when the phone answers.
    simulator: {
      phones: ['PJSIP/2005'],
      behaviour: { noAnswerProbability: 0, talkTime: [3600, 3600], agentHangupProbability: 0, pauseEvery: 0 },
    },
  });
  const owner = await loggedIn(TEST_OWNER.username, TEST_OWNER.password);
  const api = <T>(method: string, url: string, data?: unknown) =>
    browserApi<T>(owner, board.app.url, method, url, data);
  const sup = await api<UserView>('POST', '/api/users', {
    ...SUPERVISOR,
    role: 'supervisor',
    phone: 'PJSIP/2005',
    extension: '2005',
    monitorCalls: true,
  });
  expect(sup.status).toBe(201);
  const monitored: string[] = [];
  for (const agent of board.sim.center.sim.agents.values()) {
    const user = { username: `agent${agent.ext}`, password: `agent ${agent.ext} password` };
    const created = await api<UserView>('POST', '/api/users', {
      ...user,
      displayName: agent.name,
      role: 'agent',
      interfaces: [agent.iface],
    });
    expect(created.status).toBe(201);
    agentUsers.set(agent.iface, user);
    monitored.push(created.body.id);
  }
  const group = await api<MonitorGroupView>('POST', '/api/monitoring/groups', {
    name: 'Floor',
    monitored,
    monitors: [sup.body.id],
  });
  expect(group.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await board?.close();
});

const loggedIn = (username: string, password: string): Promise<BrowserContext> =>
  loggedInContext(board, username, password, LAPTOP);

async function boardPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(board.app.url);
  await page.waitForSelector('tr[data-agent]', { timeout: SIM_TIMEOUT_MS });
  return page;
}

/** Clicks a mode's button on the first of `rows` that has it; the session bar, its label and the agent's name. */
async function monitorFirst(page: Page, rows: Locator, agentAttribute: string, mode: 'Listen' | 'Whisper' | 'Barge') {
  const row = rows.filter({ has: page.locator(`button[data-monitor="${mode.toLowerCase()}"]`) }).first();
  await row.waitFor({ timeout: SIM_TIMEOUT_MS });
  const { name } = board.sim.center.sim.agents.get((await row.getAttribute(agentAttribute))!)!;
  await row.getByRole('button', { name: mode }).click();
  const bar = page.getByRole('region', { name: 'Call monitoring' });
  return { bar, label: bar.getByRole('status'), name };
}

describe('call monitoring in the browser', () => {
  it('a supervisor listens to an agent on a call, switches to Whisper and stops', async () => {
    const page = await boardPage(await loggedIn(SUPERVISOR.username, SUPERVISOR.password));
    const { bar, label, name } = await monitorFirst(
      page,
      page.locator('tr[data-agent][data-state="onCall"]'),
      'data-agent',
      'Listen',
    );
    await expect
      .poll(() => label.innerText(), { timeout: 10_000 })
      .toMatch(new RegExp(`^Listening to ${name} — \\d\\d:\\d\\d$`));
    // While the session runs, no second one can be started from the board.
    expect(await page.locator('button[data-monitor="listen"]:not([disabled])').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('monitoring-listen.png') });

    await bar.getByRole('button', { name: 'Whisper' }).click();
    await expect.poll(() => label.innerText(), { timeout: 10_000 }).toMatch(new RegExp(`^Whispering to ${name} — `));
    await bar.getByRole('button', { name: 'Stop' }).click();
    await bar.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.locator('button[data-monitor="listen"]:not([disabled])').count()).toBeGreaterThan(0);
  });

  it('the waiting callers widget lists the connected calls with the buttons beside the agents the supervisor may monitor', async () => {
    const page = await boardPage(await loggedIn(SUPERVISOR.username, SUPERVISOR.password));
    const connectedRows = page.locator('[data-widget="waitingCallers"] tr[data-connected-call]');
    const { bar, label, name } = await monitorFirst(page, connectedRows, 'data-connected-agent', 'Whisper');
    await expect.poll(() => label.innerText(), { timeout: 10_000 }).toMatch(new RegExp(`^Whispering to ${name} — `));
    await bar.getByRole('button', { name: 'Stop' }).click();
    await bar.waitFor({ state: 'detached', timeout: 10_000 });

    // A supervisor whom the groups let monitor one agent gets the buttons beside that agent only, in every widget.
    const owner = await loggedIn(TEST_OWNER.username, TEST_OWNER.password);
    const api = <T>(method: string, url: string, data?: unknown) =>
      browserApi<T>(owner, board.app.url, method, url, data);
    const [only, other] = await waitFor(
      () => {
        const talking = [...board.sim.center.sim.agents.values()]
          .filter((agent) => agent.call)
          .map((agent) => agent.iface);
        return talking.length >= 2 ? talking : undefined;
      },
      'two agents on calls',
      { timeoutMs: SIM_TIMEOUT_MS },
    );
    const pat = await api<UserView>('POST', '/api/users', {
      username: 'pat',
      password: 'pat monitoring password',
      role: 'supervisor',
      phone: 'PJSIP/2006',
      monitorCalls: true,
    });
    const users = (await api<UserView[]>('GET', '/api/users')).body;
    const monitored = users.find((user) => user.interfaces.includes(only!))!.id;
    expect(
      (
        await api('POST', '/api/monitoring/groups', {
          name: 'One agent',
          monitored: [monitored],
          monitors: [pat.body.id],
        })
      ).status,
    ).toBe(201);
    const patPage = await boardPage(await loggedIn('pat', 'pat monitoring password'));
    const connected = (iface: string) =>
      patPage.locator(`[data-widget="waitingCallers"] tr[data-connected-agent="${iface}"]`);
    await connected(only!).locator('button[data-monitor="listen"]').waitFor({ timeout: SIM_TIMEOUT_MS });
    await connected(other!).waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(await connected(other!).locator('[data-monitor]').count()).toBe(0);
    expect(await patPage.locator(`tr[data-agent="${other}"] [data-monitor]`).count()).toBe(0);
  });

  it('an agent on a call, and a kiosk, see no monitoring controls where the supervisor sees them', async () => {
    const iface = await waitFor(
      () => [...board.sim.center.sim.agents.values()].find((agent) => agent.call)?.iface,
      'an agent on a call',
      {
        timeoutMs: SIM_TIMEOUT_MS,
      },
    );
    const user = agentUsers.get(iface)!;
    const supervisor = await boardPage(await loggedIn(SUPERVISOR.username, SUPERVISOR.password));
    const agent = await boardPage(await loggedIn(user.username, user.password));
    await supervisor
      .locator(`tr[data-agent="${iface}"] button[data-monitor="listen"]`)
      .waitFor({ timeout: SIM_TIMEOUT_MS });
    await agent.locator(`tr[data-agent="${iface}"][data-state="onCall"]`).waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(await agent.locator('[data-monitor]').count()).toBe(0);
    expect(await agent.locator('[data-connected-call]').count()).toBe(0);
    expect(await agent.getByRole('region', { name: 'Call monitoring' }).count()).toBe(0);

    // Nor does a wall TV's kiosk link showing the agent table, whoever made it.
    const owner = await loggedIn(TEST_OWNER.username, TEST_OWNER.password);
    const api = <T>(method: string, url: string, data?: unknown) =>
      browserApi<T>(owner, board.app.url, method, url, data);
    const layout = {
      name: 'Wall',
      columns: 1,
      columnsContent: [[{ id: 'agents', type: 'agentTable' }]],
      since: { kind: 'today' },
      theme: 'dark',
    };
    const created = await api<Layout>('POST', '/api/layouts', layout);
    expect(created.status).toBe(201);
    const kiosk = await api<KioskCreatedView>('POST', '/api/kiosk', { layoutId: created.body.id });
    expect(kiosk.status).toBe(201);
    const wall = await (await board.browser.newContext({ viewport: LAPTOP })).newPage();
    await wall.goto(`${board.app.url}/?kiosk=${kiosk.body.token}`);
    await wall
      .locator(`[data-widget="agentTable"] tr[data-agent="${iface}"][data-state="onCall"]`)
      .waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(await wall.locator('[data-monitor]').count()).toBe(0);
  });

  it('the Owner sees a session start live on the admin screen, ends it, finds it in the history and renames the group', async () => {
    const admin = await (await loggedIn(TEST_OWNER.username, TEST_OWNER.password)).newPage();
    await admin.goto(`${board.app.url}/#/admin/monitoring`);
    await admin.getByText('Nobody is monitoring a call.').waitFor();

    const supervisor = await boardPage(await loggedIn(SUPERVISOR.username, SUPERVISOR.password));
    const { bar, label } = await monitorFirst(
      supervisor,
      supervisor.locator('tr[data-agent][data-state="onCall"]'),
      'data-agent',
      'Barge',
    );
    await expect.poll(() => label.innerText(), { timeout: 10_000 }).toMatch(/^Barging in on /);

    // The running session appears without reloading the admin screen.
    const running = admin.locator('tr[data-active-session]');
    await expect
      .poll(() => running.innerText(), { timeout: 10_000 })
      .toMatch(new RegExp(`${SUPERVISOR.displayName}.*Barge`, 's'));
    await running.getByRole('button', { name: `End ${SUPERVISOR.displayName}'s session` }).click();
    await admin.getByText('Nobody is monitoring a call.').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => admin.locator('tr[data-history-session]').first().innerText())
      .toContain('Ended by an administrator');
    await bar.getByRole('alert').waitFor({ timeout: 10_000 });

    await admin.getByRole('button', { name: 'Edit group Floor' }).click();
    await admin.getByLabel('Group name').fill('Sales floor');
    await admin.getByRole('button', { name: 'Save group' }).click();
    await admin.locator('tr[data-group-row="Sales floor"]').waitFor();
    expect(await admin.locator('tr[data-group-row="Sales floor"]').innerText()).toContain(SUPERVISOR.displayName);
    await admin.screenshot({ path: screenshotPath('monitoring-admin.png'), fullPage: true });
  });

  it("pages the history newer and older, and a unit administrator's history holds their units' agents only", async () => {
    const owner = await loggedIn(TEST_OWNER.username, TEST_OWNER.password);
    const api = <T>(method: string, url: string, data?: unknown) =>
      browserApi<T>(owner, board.app.url, method, url, data);
    const [inUnit, outside] = [...board.sim.center.sim.agents.values()];
    const users = (await api<UserView[]>('GET', '/api/users')).body;
    const admin = await api<UserView>('POST', '/api/users', {
      username: 'uadmin',
      password: 'unit admin password',
      role: 'administrator',
    });
    const unit = {
      name: 'Team A',
      members: [users.find((user) => user.interfaces.includes(inUnit!.iface))!.id],
      administrators: [admin.body.id],
      queues: ['sales'],
    };
    expect((await api('POST', '/api/units', unit)).status).toBe(201);
    // Forty-five ended sessions in the Monitoring log, two of three on the unit's agent.
    const redis = new Redis(inject('redisUrl'));
    try {
      const ended = (i: number): MonitorSessionView => {
        const agent = i % 3 === 2 ? outside! : inUnit!;
        const endedAt = Date.now() - (i + 1) * 60_000;
        return {
          id: `old-${i}`,
          supervisor: 'x',
          supervisorName: 'Past Supervisor',
          agent: agent.iface,
          agentName: agent.name,
          callId: `c-${i}`,
          queue: 'sales',
          state: 'ended',
          mode: 'listen',
          startedAt: endedAt - 30_000,
          changes: [],
          endedAt,
          end: 'stopped',
          endMessage: null,
        };
      };
      await redis.zadd(
        monitoringKeys(board.prefix).history,
        ...Array.from({ length: 45 }, (_, i) => [ended(i).endedAt!, JSON.stringify(ended(i))]).flat(),
      );
    } finally {
      redis.disconnect();
    }

    const page = await owner.newPage();
    await page.goto(`${board.app.url}/#/admin/monitoring`);
    const label = page.locator('[data-history-page]');
    const newer = page.getByRole('button', { name: 'Newer' });
    const older = page.getByRole('button', { name: 'Older' });
    await expect.poll(() => label.innerText()).toMatch(/^1–20 of \d+$/);
    const total = Number(/of (\d+)$/.exec(await label.innerText())![1]);
    expect(total).toBeGreaterThanOrEqual(45);
    expect(await newer.isDisabled()).toBe(true);
    await older.click();
    await expect.poll(() => label.innerText()).toBe(`21–40 of ${total}`);
    expect(await page.locator('tr[data-history-session]').count()).toBe(20);
    await newer.click();
    await expect.poll(() => label.innerText()).toBe(`1–20 of ${total}`);

    const unitPage = await (await loggedIn('uadmin', 'unit admin password')).newPage();
    await unitPage.goto(`${board.app.url}/#/admin/monitoring`);
    const unitLabel = unitPage.locator('[data-history-page]');
    await expect.poll(() => unitLabel.innerText()).toMatch(/^1–20 of \d+$/);
    const agents = async () =>
      new Set(await unitPage.locator('tr[data-history-session] td:nth-child(2)').allInnerTexts());
    expect(await agents()).toEqual(new Set([inUnit!.name]));
    await unitPage.getByRole('button', { name: 'Older' }).click();
    await expect.poll(() => unitLabel.innerText()).toMatch(/^21–\d+ of \d+$/);
    expect(await agents()).toEqual(new Set([inUnit!.name]));
  });
});
