import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FtpsConfig } from '../../server/config.ts';
import { ftpsFiles } from '../../server/ftps/proftpd-config.ts';
import { proftpdMissing, startProftpd, type OwnProftpd } from '../../server/ftps/proftpd.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { ftpsLogin, ftpsTestConfig } from '../support/ftps.ts';

/**
 * Administration → FTP access as the Owner uses it in a real Chromium: a login created with its password shown once,
 * a new password replacing it (and, where ProFTPD runs, working in an FTPS login while the old one does not), revoking.
 */
const missing = await proftpdMissing();
let board: BrowserBoard;
let ftps: FtpsConfig;
let proftpd: OwnProftpd | undefined;
let context: BrowserContext;
let page: Page;
/** The first password shown, to check that the new one ends it. */
let first = '';

beforeAll(async () => {
  ftps = await ftpsTestConfig();
  board = await startBrowserBoard({
    redisUrl: inject('redisUrl'),
    prefix: 'e2e-ftp',
    seed: 4,
    env: {
      FILES_DIR: ftps.filesDir,
      FTPS_DIR: ftps.dir,
      FTPS_PUBLIC_HOST: 'files.example.com',
      FTPS_PORT: String(ftps.port),
      FTPS_PASSIVE_PORTS: ftps.passivePorts.join('-'),
      FTPS_CERT: ftps.cert,
      FTPS_KEY: ftps.key,
    },
  });
  if (!missing)
    proftpd = await startProftpd({
      dir: path.join(path.dirname(ftps.dir), 'proftpd'),
      snippet: ftpsFiles(ftps.dir).snippet,
      port: ftps.port,
    });
  context = await board.browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await page.goto(`${board.app.url}/#/home`);
  await page.getByLabel('Username').fill(TEST_OWNER.username);
  await page.getByLabel('Password').fill(TEST_OWNER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
});

afterAll(async () => {
  await proftpd?.stop();
  await board?.close();
  if (ftps) await rm(path.dirname(ftps.dir), { recursive: true, force: true });
});

/** What an FTPS login with this password gets: 'ok' or the server's refusal. */
async function ftpLogin(password: string): Promise<string> {
  try {
    (await ftpsLogin(ftps.port, TEST_OWNER.username, password)).close();
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

const shownPassword = () => page.getByLabel(`Password for ${TEST_OWNER.username}`).inputValue();
const field = (name: string) => page.locator(`[data-ftp="${name}"]`).textContent();

describe('FTP access, as the Owner', () => {
  it('creates a login and shows its password once, with where and how to connect', async () => {
    await page
      .getByRole('region', { name: 'Administration' })
      .getByRole('link', { name: 'FTP access', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'FTP access' }).waitFor();
    expect(await field('host')).toBe('files.example.com');
    expect(await field('port')).toBe(String(ftps.port));
    expect(await field('user')).toBe('No FTP login yet');
    expect(await page.getByRole('region', { name: 'Connect with FileZilla' }).innerText()).toContain(
      'Require explicit FTP over TLS',
    );

    await page.getByRole('button', { name: 'Create FTP login' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`Your FTP login ${TEST_OWNER.username} is ready.`);
    const password = await shownPassword();
    first = password;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await expect.poll(() => field('user')).toBe(TEST_OWNER.username);
    if (proftpd) expect(await ftpLogin(password)).toBe('ok');

    await page.getByRole('button', { name: 'Done', exact: true }).click();
    expect(await page.content()).not.toContain(password);
    await page.reload();
    await expect.poll(() => field('user')).toBe(TEST_OWNER.username);
    expect(await page.content()).not.toContain(password);
  });

  it('makes a new password after asking: shown once, the old one ends', async () => {
    await page.getByRole('button', { name: 'New password' }).click();
    const dialog = page.getByRole('dialog', { name: 'New FTP password' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('[data-shown-once]').count()).toBe(0);

    await page.getByRole('button', { name: 'New password' }).click();
    await dialog.getByRole('button', { name: 'Make new password' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('A new password is set: the old one no longer works.');
    const second = await shownPassword();
    expect(second).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(second).not.toBe(first);
    if (proftpd) {
      expect(await ftpLogin(second)).toBe('ok');
      expect(await ftpLogin(first)).toMatch(/^530 /);
    }
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    expect(await page.content()).not.toContain(second);
  });

  it('revokes the login after asking', async () => {
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: 'Revoke FTP login' }).getByRole('button', { name: 'Revoke' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Your FTP login is revoked: it no longer works.');
    await expect.poll(() => field('user')).toBe('No FTP login yet');
    await page.getByRole('button', { name: 'Create FTP login' }).waitFor();
  });
});
