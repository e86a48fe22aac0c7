import { access, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UnitView, UserView } from '../../server/contract/accounts.ts';
import type { FtpAccessView, FtpCredentialsView } from '../../server/contract/ftp.ts';
import type { FtpsConfig } from '../../server/config.ts';
import { ftpsFiles } from '../../server/ftps/proftpd-config.ts';
import { proftpdMissing, startProftpd, type OwnProftpd } from '../../server/ftps/proftpd.ts';
import type { App } from '../../server/compose.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { type ApiClient, loggedIn } from '../support/access-app.ts';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER } from '../support/board-app.ts';
import { eventually } from '../support/eventually.ts';
import {
  DAY,
  download,
  ftpsLogin,
  ftpsTestConfig,
  names,
  RECORDING,
  writeDay,
  type DayFiles,
} from '../support/ftps.ts';

/**
 * FTP access end to end: the credentials API issues a login, Tablica writes ProFTPD's AuthUserFile and the unit
 * administrators' homes, and a real ProFTPD (Debian's, started here on free ports with the snippet Tablica writes)
 * serves the files over explicit TLS to basic-ftp: read-only, chrooted, and only to logins Tablica lists.
 */
const missing = await proftpdMissing();
const CDR = `/CDRs/${DAY}.csv`;
const ZIP = `/QueueCalls/${DAY}-queue-calls.zip`;
const MP3 = `/Recordings/${DAY}/${RECORDING}`;

let sim: Simulator;
let app: App;
let proftpd: OwnProftpd;
let ftps: FtpsConfig;
let owner: ApiClient;
let files: { center: DayFiles; units: Map<string, DayFiles> };
let sales: UnitView;
let support: UnitView;

async function user(username: string, role: string): Promise<{ id: string; client: ApiClient }> {
  const password = `${username} password 1`;
  const created = await owner.call<UserView>('POST', '/api/users', { username, password, role });
  expect(created.status).toBe(201);
  return { id: created.body.id, client: await loggedIn(app.url, username, password) };
}

async function unit(name: string, administrators: string[]): Promise<UnitView> {
  const created = await owner.call<UnitView>('POST', '/api/units', { name, administrators });
  expect(created.status).toBe(201);
  return created.body;
}

async function issue(client: ApiClient): Promise<FtpCredentialsView> {
  const answer = await client.call<FtpCredentialsView>('POST', '/api/ftp/credentials');
  expect(answer.status).toBe(201);
  return answer.body;
}

/** Logs in with the credentials and hands the client to `use`; always closes it. */
async function withFtp<T>(
  credentials: { username: string; password: string },
  use: (client: Client) => Promise<T>,
): Promise<T> {
  const client = await ftpsLogin(proftpd.port, credentials.username, credentials.password);
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

/** The FTP server's answer to a login: 'ok', or its error. */
async function loginOutcome(credentials: { username: string; password: string }, secure = true): Promise<string> {
  try {
    const client = await ftpsLogin(proftpd.port, credentials.username, credentials.password, secure);
    client.close();
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

beforeAll(async () => {
  if (missing) return;
  ftps = await ftpsTestConfig();
  sim = await startQuietSimulator();
  // Passes run on changes only here: a test's stray file stays until the next change, so that its refusal is tested.
  app = await startBoardApp(
    { ...boardConfig({ redisUrl: inject('redisUrl'), amiPort: sim.port }), ftps },
    { ftpSyncMs: 3_600_000 },
  );
  owner = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
  proftpd = await startProftpd({
    dir: path.join(path.dirname(ftps.dir), 'proftpd'),
    snippet: ftpsFiles(ftps.dir).snippet,
    port: ftps.port,
  });
  const [salesAdmin, bothAdmin] = [
    await user('sales-admin', 'administrator'),
    await user('both-admin', 'administrator'),
  ];
  sales = await unit('Sales', [salesAdmin.id, bothAdmin.id]);
  support = await unit('Support', [bothAdmin.id]);
  files = await writeDay(ftps.filesDir, [sales, support]);
});

afterAll(async () => {
  await proftpd?.stop();
  await app?.close();
  await sim?.close();
  if (ftps) await rm(path.dirname(ftps.dir), { recursive: true, force: true });
});

describe.skipIf(missing !== null)(`FTPS with a real ProFTPD${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('gives the Owner a login that lists and downloads the whole center: the CSV, the zip and the MP3', async () => {
    const credentials = await issue(owner);
    expect(credentials).toMatchObject({ host: '127.0.0.1', port: ftps.port, username: TEST_OWNER.username });
    expect(credentials.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const view = await owner.call<FtpAccessView>('GET', '/api/ftp/credentials');
    expect(view.body).toMatchObject({ username: TEST_OWNER.username, home: { kind: 'center' } });
    expect(JSON.stringify(view.body)).not.toContain(credentials.password);

    await withFtp(credentials, async (client) => {
      expect(await names(client, '/')).toEqual(['CDRs', 'QueueCalls', 'Recordings']);
      expect(await names(client, '/CDRs')).toEqual([`${DAY}.csv`]);
      expect((await download(client, CDR)).toString()).toBe(files.center.csv);
      expect(await download(client, ZIP)).toEqual(files.center.zip);
      expect(await download(client, MP3)).toEqual(files.center.mp3);
    });
  });

  it('keeps only the SHA-512 crypt hash: the AuthUserFile holds the login, never the password', async () => {
    const credentials = await issue(owner);
    const passwd = await readFile(ftpsFiles(ftps.dir).users, 'utf8');
    const line = passwd.split('\n').find((entry) => entry.startsWith(`${TEST_OWNER.username}:`))!;
    expect(line).toMatch(new RegExp(`^owner:\\$6\\$[^:]+:\\d+:\\d+::${ftps.filesDir}/center:/bin/false$`));
    expect(passwd).not.toContain(credentials.password);
  });

  it("gives a unit administrator their unit's files only, in a folder named after the unit", async () => {
    const salesAdmin = await loggedIn(app.url, 'sales-admin', 'sales-admin password 1');
    const credentials = await issue(salesAdmin);
    const view = await salesAdmin.call<FtpAccessView>('GET', '/api/ftp/credentials');
    expect(view.body.home).toEqual({ kind: 'units', units: [{ unit: 'Sales', folder: 'Sales' }] });
    await withFtp(credentials, async (client) => {
      expect(await names(client, '/')).toEqual(['Sales']);
      expect((await download(client, `/Sales${CDR}`)).toString()).toBe(files.units.get(sales.id)!.csv);
      expect(await download(client, `/Sales${ZIP}`)).toEqual(files.units.get(sales.id)!.zip);
      expect(await download(client, `/Sales${MP3}`)).toEqual(files.center.mp3);
    });
  });

  it('gives an administrator of several units exactly those units, each in its folder', async () => {
    const bothAdmin = await loggedIn(app.url, 'both-admin', 'both-admin password 1');
    const credentials = await issue(bothAdmin);
    await withFtp(credentials, async (client) => {
      expect(await names(client, '/')).toEqual(['Sales', 'Support']);
      expect((await download(client, `/Support${CDR}`)).toString()).toContain('"Support"');
      expect((await download(client, `/Sales${CDR}`)).toString()).toContain('"Sales"');
    });
    // A unit taken from them goes from their home; the center's files never come into it.
    expect((await owner.call('PUT', `/api/units/${support.id}`, { name: 'Support', administrators: [] })).status).toBe(
      200,
    );
    await eventually(
      () => withFtp(credentials, async (client) => (await names(client, '/')).join() === 'Sales'),
      'Support gone from the home',
    );
  });

  it('refuses a login without TLS, before the password is sent', async () => {
    const credentials = await issue(owner);
    expect(await loginOutcome(credentials, false)).toMatch(/^5\d\d .*(TLS|SSL)/);
  });

  it('refuses every change: upload, folder, delete, rename, chmod', async () => {
    const credentials = await issue(owner);
    const upload = await withFtp(credentials, (client) =>
      client.uploadFrom(Readable.from(['a row']), '/CDRs/new.csv'),
    ).then(
      () => 'uploaded',
      (error: Error) => error.message,
    );
    expect(upload).not.toBe('uploaded');
    await expect(access(path.join(ftps.filesDir, 'center', 'CDRs', 'new.csv'))).rejects.toThrow(/ENOENT/);
    await withFtp(credentials, async (client) => {
      for (const command of ['MKD /new', `DELE ${CDR}`, `RNFR ${CDR}`, `SITE CHMOD 777 ${CDR}`, 'SITE CPFR /CDRs']) {
        await expect(client.send(command), command).rejects.toThrow(/^5\d\d /);
      }
      expect(await names(client, '/CDRs')).toEqual([`${DAY}.csv`]);
    });
  });

  it('keeps a login in its home: CWD .. and paths up stay inside, a symbolic link out of it is not followed', async () => {
    const salesAdmin = await loggedIn(app.url, 'sales-admin', 'sales-admin password 1');
    const credentials = await issue(salesAdmin);
    const home = path.join(ftps.filesDir, 'ftp', 'sales-admin');
    await symlink(
      path.join(ftps.filesDir, 'center', 'CDRs', `${DAY}.csv`),
      path.join(home, 'Sales', 'CDRs', 'center.csv'),
    );
    await symlink(path.join(ftps.filesDir, 'center'), path.join(home, 'center'));
    await symlink('../../../center/CDRs', path.join(home, 'Sales', 'up'));
    await withFtp(credentials, async (client) => {
      await client.send('CWD ..').catch(() => undefined);
      expect(await client.pwd()).toBe('/');
      await client.cd('/Sales');
      await client.send('CWD ../..').catch(() => undefined);
      expect(await client.pwd()).toBe('/');
      expect((await names(client, '/')).filter((name) => name !== 'center')).toEqual(['Sales']);
      // SIZE answers without a data connection: 550 is ProFTPD finding nothing there.
      for (const outside of [
        `/../../center${CDR}`,
        `../../../center${CDR}`,
        '/Sales/CDRs/center.csv',
        `/center${CDR}`,
        `/Sales/up/${DAY}.csv`,
      ]) {
        await expect(client.size(outside), outside).rejects.toThrow(/^550 /);
      }
      for (const folder of ['/center/CDRs', '/Sales/up'])
        await expect(client.send(`CWD ${folder}`), folder).rejects.toThrow(/^550 /);
      expect(await download(client, `/Sales${CDR}`)).toEqual(Buffer.from(files.units.get(sales.id)!.csv));
    });
    // A refused RETR ends basic-ftp's data connection and with it the client: one client per attempt.
    for (const outside of [`/../../center${CDR}`, '/Sales/CDRs/center.csv']) {
      const got = await withFtp(credentials, (client) => download(client, outside)).then(
        (bytes) => bytes.toString(),
        (error: Error) => error.message,
      );
      expect(got, outside).not.toContain('whole center');
    }
  });

  it('ends the old password when a new one is issued, and the login when it is revoked', async () => {
    const first = await issue(owner);
    const second = await issue(owner);
    expect(second.password).not.toBe(first.password);
    expect(await loginOutcome(first)).toMatch(/^530 /);
    expect(await loginOutcome(second)).toBe('ok');
    expect((await owner.call('DELETE', '/api/ftp/credentials')).status).toBe(204);
    expect(await loginOutcome(second)).toMatch(/^530 /);
    expect((await owner.call<FtpAccessView>('GET', '/api/ftp/credentials')).body.username).toBeNull();
  });

  it('ends the login of an administrator who is disabled or loses the role', async () => {
    const leaving = await user('leaving-admin', 'administrator');
    const demoted = await user('demoted-admin', 'administrator');
    const [leavingLogin, demotedLogin] = [await issue(leaving.client), await issue(demoted.client)];
    expect(await loginOutcome(leavingLogin)).toBe('ok');
    expect(await loginOutcome(demotedLogin)).toBe('ok');
    expect((await owner.call('PATCH', `/api/users/${leaving.id}`, { disabled: true })).status).toBe(200);
    expect((await owner.call('PATCH', `/api/users/${demoted.id}`, { role: 'supervisor' })).status).toBe(200);
    await eventually(async () => (await loginOutcome(leavingLogin)).startsWith('530'), 'the disabled account refused');
    await eventually(async () => (await loginOutcome(demotedLogin)).startsWith('530'), 'the demoted account refused');
    // Given the role back, the old password stays dead: a new login must be issued.
    expect((await owner.call('PATCH', `/api/users/${demoted.id}`, { role: 'administrator' })).status).toBe(200);
    expect(await loginOutcome(demotedLogin)).toMatch(/^530 /);
  });
});

describe.skipIf(missing !== null)('the FTP credentials API', () => {
  it('issues logins to the Owner and administrators only, each their own, after a login with the CSRF token', async () => {
    const supervisor = await user('ftp-supervisor', 'supervisor');
    const agent = await user('ftp-agent', 'agent');
    for (const client of [supervisor.client, agent.client]) {
      for (const method of ['GET', 'POST', 'DELETE'])
        expect((await client.call(method, '/api/ftp/credentials')).status).toBe(403);
    }
    const anonymous = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
    anonymous.cookie = null;
    expect((await anonymous.call('POST', '/api/ftp/credentials')).status).toBe(401);
    const noToken = await loggedIn(app.url, TEST_OWNER.username, TEST_OWNER.password);
    noToken.csrf = null;
    expect((await noToken.call('POST', '/api/ftp/credentials')).status).toBe(403);

    const admin = await user('ftp-admin', 'administrator');
    const mine = await issue(admin.client);
    expect(mine.username).toBe('ftp-admin');
    expect((await admin.client.call<FtpAccessView>('GET', '/api/ftp/credentials')).body).toMatchObject({
      username: 'ftp-admin',
      home: { kind: 'center' },
    });
    // Revoking one's own login leaves everyone else's.
    const owners = await issue(owner);
    expect((await admin.client.call('DELETE', '/api/ftp/credentials')).status).toBe(204);
    expect(await loginOutcome(owners)).toBe('ok');
  });
});
