import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_OWNER } from '../support/board-app.ts';
import { loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { onlyAliceAnswersSales, recordedSalesCall } from '../support/recorded-call.ts';
import { steadyBehaviour } from '../support/sim-scenarios.ts';
import { recordingFolders } from '../support/recordings.ts';

/**
 * Call recording in real Chromium: the Owner turns recording on for `sales` on the admin screen, a simulated call ends,
 * and its recording appears with the call under Calls and plays (the audio element loads the MP3's metadata).
 */
const LAPTOP = { width: 1366, height: 768 };
let board: BrowserBoard;
let folders: Awaited<ReturnType<typeof recordingFolders>>;

beforeAll(async () => {
  folders = await recordingFolders();
  await mkdir(folders.wavDir, { recursive: true });
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-recordings',
    seed: 17,
    simulator: { clock: 'manual', rate: 0, recordingsDir: folders.wavDir, behaviour: steadyBehaviour(1, 20) },
    env: { RECORDINGS_DIR: folders.wavDir, FILES_DIR: path.join(folders.root, 'files') },
  });
}, 120_000);

afterAll(async () => {
  await board?.close();
  await folders?.remove();
});

async function ownerPage(hash: string): Promise<Page> {
  const page = await (await loggedInContext(board, TEST_OWNER.username, TEST_OWNER.password, LAPTOP)).newPage();
  await page.goto(`${board.app.url}/${hash}`);
  return page;
}

describe('call recording in the browser', () => {
  it('an administrator turns recording on for a queue; the ended call’s recording is listed and plays', async () => {
    const admin = await ownerPage('#/admin/recordings');
    const queues = admin.getByRole('group', { name: 'Record the calls of these queues' });
    await queues.getByLabel('sales', { exact: true }).check({ timeout: 20_000 });
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => admin.getByRole('status').innerText())
      .toBe('Saved: the calls of 1 queue and 0 users are recorded.');

    onlyAliceAnswersSales(board.sim);
    const calls = await ownerPage('#/calls');
    const audio = calls.locator('tr[data-call] audio');
    // The list has loaded, empty (not still loading, when no row is there either): the recording must come live.
    await calls.getByText('No calls ended in the last 24 hours.').waitFor({ timeout: 20_000 });
    expect(await calls.locator('tr[data-call]').count()).toBe(0);
    await recordedSalesCall(board.sim, 20, '5550199');
    await expect.poll(() => audio.count(), { timeout: 20_000 }).toBe(1);
    const row = calls.locator('tr[data-call]').filter({ has: calls.locator('audio') });
    expect(await row.innerText()).toMatch(/sales\s+Caller\s+Alice\s+00:20\s+Answered/);
    // HAVE_METADATA or better: the MP3 came with its type and ranges, and the browser read its duration.
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    const duration = await audio.evaluate((element: HTMLAudioElement) => element.duration);
    expect(duration).toBeGreaterThan(15);
    expect(await row.getByRole('link', { name: 'Download' }).getAttribute('download')).toMatch(
      /^\d{4}(_\d\d){5}-1001-5550199-sales-.+\.mp3$/,
    );
  });
});
