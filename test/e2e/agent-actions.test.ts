import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PolicyView, TeamView, UserView } from '../../server/contract/accounts.ts';
import type { Layout } from '../../server/contract/layout.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Pause and Unpause in real Chromium against the real server and the simulator: a supervisor whose team may act on
 * agents pauses one with a reason from the agent table and unpauses them, the row following Asterisk's events; an agent
 * pauses themselves from their own board, and once their team has "members may not pause themselves" is refused.
 */
const SCREEN = { width: 1920, height: 1080 };
const SUPERVISOR = { username: 'sid', displayName: 'Sid Supervisor', password: 'sid actions password' };
const AGENT = { username: 'amy', password: 'amy actions password' };
const SIM_TIMEOUT_MS = 30_000;

let board: BrowserBoard;
let owner: BrowserContext;
let agentUser: UserView;
/** A layout whose agent table shows the pause reason, for everyone. */
let layoutId: string;
/** The two agents the tests act on: the supervisor's, and the one who pauses themselves. */
let supervised: string;
let self: string;

const api = <T>(method: string, url: string, data?: unknown) => browserApi<T>(owner, board.app.url, method, url, data);

beforeAll(async () => {
  // No calls and no pauses of the simulator's own: every pause on the board is one of these tests'.
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-agent-actions',
    seed: 18,
    rate: 0,
    simulator: { behaviour: { pauseEvery: 0 } },
  });
  const [first, second] = [...board.sim.center.sim.agents.values()];
  supervised = first!.iface;
  self = second!.iface;
  owner = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, SCREEN);
  const sid = await api<UserView>('POST', '/api/users', { ...SUPERVISOR, role: 'supervisor' });
  expect(sid.status).toBe(201);
  const created = await api<UserView>('POST', '/api/users', {
    ...AGENT,
    displayName: second!.name,
    role: 'agent',
    interfaces: [self],
  });
  expect(created.status).toBe(201);
  agentUser = created.body;
  const team = await api<TeamView>('POST', '/api/teams', { name: 'Floor leads', members: [sid.body.id] });
  expect(team.status).toBe(201);
  const layout = await api<Layout>('POST', '/api/layouts', {
    name: 'Pauses',
    columns: 2,
    columnsContent: [
      [{ id: 'agents', type: 'agentTable', settings: { queues: [], columns: ['name', 'state', 'reason'] } }],
      [{ id: 'queues', type: 'queueTable', settings: { queues: [], columns: ['name', 'waiting'] } }],
    ],
    since: { kind: 'today' },
    theme: 'dark',
    scope: 'all',
  });
  expect(layout.status).toBe(201);
  layoutId = layout.body.id;
  const policy = { policy: 'agents.supervisorActions', team: team.body.id };
  expect((await api<PolicyView>('POST', '/api/policies', policy)).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await board?.close();
});

async function boardOf(user: { username: string; password: string }): Promise<Page> {
  const page = await (await loggedInContext(board, user.username, user.password, SCREEN)).newPage();
  await page.goto(`${board.app.url}/#/layouts/${layoutId}`);
  await page.waitForSelector('tr[data-agent]', { timeout: SIM_TIMEOUT_MS });
  return page;
}

/** Pause on the agent's row: the reason, all queues, Confirm. */
async function pause(row: Locator, reason: string): Promise<void> {
  await row.getByRole('button', { name: 'Pause' }).click();
  await row.getByLabel('Reason').selectOption(reason);
  await row.getByRole('button', { name: 'Confirm' }).click();
}

/** Whether the simulated Asterisk has the agent paused in every queue of theirs, with this reason. */
function simPaused(iface: string, reason: string | null): boolean {
  const members = [...board.sim.center.sim.queues.values()].flatMap((queue) =>
    queue.members.filter((member) => member.agent.iface === iface),
  );
  return members.every((member) =>
    reason === null ? !member.paused : member.paused && member.pausedReason === reason,
  );
}

describe('agent actions in the browser', () => {
  it('a supervisor pauses an agent with a reason from the agent table and unpauses them', async () => {
    const page = await boardOf(SUPERVISOR);
    const row = page.locator(`[data-widget="agentTable"] tr[data-agent="${supervised}"]`);
    await row.waitFor({ timeout: SIM_TIMEOUT_MS });
    await pause(row, 'Lunch');
    // The row changes once Asterisk reports the pause (QueueMemberPause), reason and all.
    await page
      .locator(`[data-widget="agentTable"] tr[data-agent="${supervised}"][data-state="paused"]`)
      .waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(simPaused(supervised, 'Lunch')).toBe(true);
    await expect.poll(() => row.innerText(), { timeout: SIM_TIMEOUT_MS }).toContain('Lunch');

    await row.getByRole('button', { name: 'Unpause' }).click();
    await page
      .locator(`[data-widget="agentTable"] tr[data-agent="${supervised}"]:not([data-state="paused"])`)
      .waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(simPaused(supervised, null)).toBe(true);
    expect(await row.getByRole('button', { name: 'Unpause' }).count()).toBe(0);

    // Both are in the action log, with who did what to whom.
    const log = await api<{ entries: { actorName: string; action: string; agent: string; reason: string | null }[] }>(
      'GET',
      '/api/agent-actions/log',
    );
    expect(
      log.body.entries.slice(0, 2).map(({ actorName, action, agent, reason }) => [actorName, action, agent, reason]),
    ).toEqual([
      [SUPERVISOR.displayName, 'unpause', supervised, null],
      [SUPERVISOR.displayName, 'pause', supervised, 'Lunch'],
    ]);
  });

  it('an agent pauses themselves from their own board, and not once a team policy forbids it', async () => {
    const page = await boardOf(AGENT);
    const own = page.locator(`[data-widget="agentTable"] tr[data-agent="${self}"]`);
    // The buttons show on their own row only.
    await own.getByRole('button', { name: 'Pause' }).waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(await page.locator(`tr[data-agent="${supervised}"] button[data-action]`).count()).toBe(0);
    // Logging agents into queues is for those who act on others.
    expect(await page.locator('[data-queue-members]').count()).toBe(0);
    await pause(own, 'Coaching');
    await page
      .locator(`[data-widget="agentTable"] tr[data-agent="${self}"][data-state="paused"]`)
      .waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(simPaused(self, 'Coaching')).toBe(true);
    await own.getByRole('button', { name: 'Unpause' }).click();
    await waitFor(() => simPaused(self, null) || undefined, 'the agent back from the pause', {
      timeoutMs: SIM_TIMEOUT_MS,
    });

    // An administrator puts the agent in a team that may not pause itself; the open board still offers Pause, the
    // server refuses it with the reason, and Asterisk is asked nothing.
    const team = await api<TeamView>('POST', '/api/teams', { name: 'No self-pause', members: [agentUser.id] });
    expect(team.status).toBe(201);
    expect((await api('POST', '/api/policies', { policy: 'agents.noSelfPause', team: team.body.id })).status).toBe(201);
    await pause(own, 'Break');
    await expect
      .poll(() => own.getByRole('alert').innerText(), { timeout: SIM_TIMEOUT_MS })
      .toBe('Denied: you may not act on this agent.');
    expect(simPaused(self, null)).toBe(true);

    // A board opened afterwards offers no Pause at all.
    const again = await boardOf(AGENT);
    await again.locator(`[data-widget="agentTable"] tr[data-agent="${self}"]`).waitFor();
    expect(await again.locator('button[data-action]').count()).toBe(0);
  });

  it('a supervisor logs an agent into a queue with a penalty and out of it, and is told a static member cannot be', async () => {
    const members = (queue: string) =>
      [...board.sim.center.sim.queues.get(queue)!.members].map((member) => member.agent.iface);
    const outsider = [...board.sim.center.sim.agents.values()].find(
      (agent) => !members('support').includes(agent.iface),
    )!;
    const page = await boardOf(SUPERVISOR);
    const supportRow = page.locator('[data-widget="queueTable"] tr[data-queue-row="support"]');
    await supportRow.getByRole('button', { name: 'Members' }).click();
    const panel = supportRow.getByRole('group', { name: 'Members of support' });
    await panel.getByLabel('Agent').selectOption(outsider.iface);
    await panel.getByLabel('Penalty').fill('2');
    await panel.getByRole('button', { name: 'Log in', exact: true }).click();
    // The list follows Asterisk's QueueMemberAdded.
    const listed = panel.locator(`li[data-member="${outsider.iface}"]`);
    await listed.waitFor({ timeout: SIM_TIMEOUT_MS });
    const added = board.sim.center.sim.queues.get('support')!.members.find((m) => m.agent.iface === outsider.iface)!;
    expect([added.penalty, added.dynamic]).toEqual([2, true]);

    await listed.getByRole('button', { name: `Log ${outsider.name} out of support` }).click();
    await listed.waitFor({ state: 'detached', timeout: SIM_TIMEOUT_MS });
    expect(members('support')).not.toContain(outsider.iface);

    // Sales' members come from queues.conf: Asterisk cannot remove them, and the board says so instead of asking.
    const salesRow = page.locator('[data-widget="queueTable"] tr[data-queue-row="sales"]');
    await salesRow.getByRole('button', { name: 'Members' }).click();
    const sales = salesRow.getByRole('group', { name: 'Members of sales' });
    const staticMember = board.sim.center.sim.agents.get(members('sales')[0]!)!;
    await sales.getByRole('button', { name: `Log ${staticMember.name} out of sales` }).click();
    await expect
      .poll(() => sales.getByRole('alert').innerText(), { timeout: SIM_TIMEOUT_MS })
      .toMatch(new RegExp(`^${staticMember.name} is a static member of sales \\(set in queues.conf\\)`));
    expect(members('sales')).toContain(staticMember.iface);
  });

  it('the Owner adds a pause reason that Pause then offers, and reads the actions in the action log', async () => {
    const admin = await owner.newPage();
    await admin.goto(`${board.app.url}/#/home`);
    await admin.getByRole('link', { name: 'Pause reasons' }).click();
    const reasons = admin.getByRole('region', { name: 'Pause reasons' });
    await reasons.getByLabel('New reason').fill('Training');
    await reasons.getByRole('button', { name: 'Add' }).click();
    await reasons.getByRole('button', { name: 'Move Training up' }).click();
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Saved: 6 reasons.').waitFor();
    expect((await api<{ reasons: string[] }>('GET', '/api/agent-actions/reasons')).body.reasons.at(-2)).toBe(
      'Training',
    );

    const page = await boardOf(SUPERVISOR);
    const row = page.locator(`[data-widget="agentTable"] tr[data-agent="${supervised}"]`);
    await row.getByRole('button', { name: 'Pause' }).click();
    expect(await row.getByLabel('Reason').locator('option').allInnerTexts()).toContain('Training');
    await row.getByRole('button', { name: 'Cancel' }).click();

    await admin.goto(`${board.app.url}/#/home`);
    await admin.getByRole('link', { name: 'Action log' }).click();
    const lines = admin.locator('tr[data-action-log]');
    await lines.first().waitFor();
    const texts = await lines.allInnerTexts();
    expect(texts.some((text) => /Sid Supervisor\s+Pause\s+\S+\s+All queues\s+Reason: Lunch\s+Done/.test(text))).toBe(
      true,
    );
    expect(texts.some((text) => /Log into queue\s+\S+\s+support\s+Penalty 2\s+Done/.test(text))).toBe(true);
    expect(
      texts.some((text) => /Pause\s+.+Reason: Break · Denied: you may not act on this agent\.\s+Refused/.test(text)),
    ).toBe(true);
  });
});
