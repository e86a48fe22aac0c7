import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../support/board-app.ts';
import { CHROMIUM_ARGS } from '../support/browser-board.ts';
import { seedOwner, startDemo, type Demo } from '../support/demo-process.ts';

/**
 * The README's first command on a machine whose Redis already holds the demo's Owner (an earlier checkout, or `.data/`
 * deleted): each `npm run demo` prints a login, and that login opens the board in Chromium.
 */

const prefix = uniquePrefix();
let browser: Browser;
const demos: Demo[] = [];
beforeAll(async () => {
  await seedOwner(inject('redisUrl'), prefix, 'demo', 'a password nobody printed');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterEach(async () => {
  for (const demo of demos.splice(0)) await demo.cleanup();
});
afterAll(() => browser?.close());

/** Starts the demo with a fresh DEMO_DATA_DIR, logs in through the form with what it printed, and stops it. */
async function demoLogsIn(): Promise<string> {
  const demo = await startDemo({ REDIS_URL: inject('redisUrl'), REDIS_PREFIX: prefix });
  demos.push(demo);
  const { url, username, password } = await demo.printed();
  const page = await browser.newPage();
  try {
    await page.goto(`${url}/#/home`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page
      .getByRole('region', { name: 'Administration' })
      .getByRole('link', { name: 'Users', exact: true })
      .waitFor();
  } finally {
    await page.close();
  }
  expect(await demo.stop()).toBe(0);
  return password;
}

describe('npm run demo against a Redis that holds a demo Owner', () => {
  it('prints a login that works, on the first start and on the next', async () => {
    const first = await demoLogsIn();
    const second = await demoLogsIn();
    // Each run had a fresh data folder, so a new password: the second login proves it was set, not remembered.
    expect(second).not.toBe(first);
  });
});
