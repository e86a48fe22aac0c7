import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TeamView, UserView } from '../../server/contract/accounts.ts';
import { DEMO_SECRET } from '../../server/sim/index.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { pauseSales, SimClient } from '../support/sim-client.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Abandoned callers in real Chromium against the real server and the simulator: a caller hangs up in a queue whose
 * agents are all paused, appears on the "Abandoned callers" screen, is called back by a supervisor (whose phone the
 * simulator answers, then the outside number) and leaves the list. A member of a team with "Desktop Softphone: copy
 * number to clipboard" gets a copy control beside the number; a supervisor without it does not.
 */
const LAPTOP = { width: 1366, height: 768 };
const CALLER = '5554001';
const NAME = 'Carla Caller';
const SUE = { username: 'sue', displayName: 'Sue', password: 'sue callback password' };
const NED = { username: 'ned', displayName: 'Ned', password: 'ned callback password' };
const SIM_TIMEOUT_MS = 30_000;

let board: BrowserBoard;
let ami: SimClient;

beforeAll(async () => {
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-callbacks',
    seed: 18,
    rate: 0,
    simulator: { phones: ['PJSIP/2005'], behaviour: { pauseEvery: 0 } },
  });
  const owner = await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, LAPTOP);
  const api = <T>(method: string, url: string, data?: unknown) =>
    browserApi<T>(owner, board.app.url, method, url, data);
  const sue = await api<UserView>('POST', '/api/users', { ...SUE, role: 'supervisor', phone: 'PJSIP/2005' });
  expect(sue.status).toBe(201);
  expect((await api('POST', '/api/users', { ...NED, role: 'supervisor', phone: 'PJSIP/2006' })).status).toBe(201);
  const team = await api<TeamView>('POST', '/api/teams', { name: 'Softphones', members: [sue.body.id] });
  expect(team.status).toBe(201);
  expect((await api('POST', '/api/policies', { policy: 'softphone.copyNumber', team: team.body.id })).status).toBe(201);

  ami = await SimClient.connect(board.sim.port);
  await ami.login(DEMO_SECRET);
  await pauseSales(ami);
  // The board reads the simulator before the caller comes: AMI keeps no events for a later reader.
  await waitFor(
    async () => ((await (await fetch(`${board.app.url}/healthz`)).json()) as { ok: boolean }).ok || undefined,
    'the board reading the simulator',
    { timeoutMs: SIM_TIMEOUT_MS },
  );
  // Nobody can answer: the caller waits, then hangs up.
  const id = ami.sendAction('Originate', [
    ['Channel', 'Local/sales@callers'],
    ['Application', 'Wait'],
    ['Data', '3600'],
    ['CallerID', `"${NAME}" <${CALLER}>`],
    ['Async', 'true'],
  ]);
  const caller = (
    await ami.waitFor((m) => m.name === 'OriginateResponse' && m.get('ActionID') === id, 'the caller')
  ).get('Channel')!;
  await ami.waitFor((m) => m.name === 'QueueCallerJoin', 'the caller in the queue');
  await ami.action('Hangup', [['Channel', caller]]);
  await ami.waitFor((m) => m.name === 'QueueCallerAbandon', 'the caller abandoning');
}, 120_000);

afterAll(async () => {
  ami?.close();
  await board?.close();
});

async function abandonedScreen(user: { username: string; password: string }): Promise<Page> {
  const context: BrowserContext = await loggedInContext(board, user.username, user.password, LAPTOP);
  const page = await context.newPage();
  await page.goto(board.app.url);
  await page.getByRole('button', { name: 'Abandoned callers' }).click();
  return page;
}

describe('abandoned callers in the browser', () => {
  it('shows the caller who hung up, with a copy control for a member of the copy policy only', async () => {
    const sue = await abandonedScreen(SUE);
    const row = sue.locator('tr[data-abandoned]', { hasText: NAME });
    await row.waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(await row.locator('.queue').innerText()).toMatch(/sales/i);
    expect(await row.locator(`[data-copy-number="${CALLER}"]`).count()).toBe(1);

    const ned = await abandonedScreen(NED);
    const nedRow = ned.locator('tr[data-abandoned]', { hasText: NAME });
    await nedRow.waitFor({ timeout: SIM_TIMEOUT_MS });
    expect(await ned.locator('[data-copy-number]').count()).toBe(0);
  });

  it('is called back by a supervisor and leaves the list once the caller answers', async () => {
    const sue = await abandonedScreen(SUE);
    const row = sue.locator('tr[data-abandoned]', { hasText: NAME });
    await row.waitFor({ timeout: SIM_TIMEOUT_MS });
    await row.getByRole('button', { name: 'Call back' }).click();
    await row.waitFor({ state: 'detached', timeout: SIM_TIMEOUT_MS });
    expect(await sue.getByText('No abandoned callers waiting for a call back.').count()).toBe(1);
  });
});
