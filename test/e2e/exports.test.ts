import type { BrowserContext, Page } from 'playwright-core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportKeys } from '../../server/store/keys.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { readCsv } from '../support/files.ts';

/**
 * The Exports screen in a real Chromium against the simulated call center, whose calls send CDRs as Asterisk's
 * cdr_manager does: the Owner writes today so far and downloads the day's CDR file.
 */
let board: BrowserBoard;
let context: BrowserContext;
let page: Page;
let redis: Redis;
const prefix = 'e2e-exports';
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix, seed: 5, speed: 8, rate: 30 });
  redis = new Redis(inject('redisUrl'));
  context = await board.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(`${board.app.url}/#/home`);
  await page.getByLabel('Username').fill(TEST_OWNER.username);
  await page.getByLabel('Password').fill(TEST_OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
});

afterAll(async () => {
  redis?.disconnect();
  await board?.close();
});

describe('the Exports screen', () => {
  it('writes today so far and downloads its CDRs', async () => {
    // The simulated calls have ended and sent their CDRs.
    await expect
      .poll(() => redis.zcard(exportKeys(`${prefix}-${process.pid}`).cdrOrder(today)), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor();
    await page.getByLabel('Day (UTC)').fill(today);
    await page.getByRole('button', { name: 'Write now' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`The reports of ${today} are written.`);

    const row = page.getByRole('row', { name: new RegExp(today) });
    await expect.poll(() => row.getByRole('link').count()).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: 'CDRs (Whole call center)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${today}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const [header, ...rows] = readCsv(Buffer.concat(chunks).toString('utf8'));
    expect(header).toEqual([
      'id',
      'calldate',
      'src_id',
      'src',
      'clid',
      'dst',
      'dst_name',
      'duration',
      'billsec',
      'disposition',
      'destination',
      'rate',
      'charge',
      't_cause',
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((cells) => /^\d+\.\d+$/.test(cells[0] ?? '') && cells[1]?.startsWith(today))).toBe(true);
  });
});
