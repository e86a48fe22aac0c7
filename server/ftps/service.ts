import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { UnitView } from '../contract/accounts.ts';
import type { FtpAccessView, FtpCredentialsView } from '../contract/ftp.ts';
import type { FtpsConfig } from '../config.ts';
import { forbidden } from '../refusal.ts';
import type { Logger } from '../log.ts';
import type { FtpAccount, FtpAccounts } from './accounts.ts';
import { sha512Crypt } from './crypt.ts';
import { CENTER, ftpHomesDir, scopeDir } from '../files/paths.ts';
import { writeTextAtomically } from '../files/atomic.ts';
import { ftpHome, homeView, type FtpCandidate, type FtpHome } from './homes.ts';
import { HardLinkMirror } from './mirror.ts';
import {
  ftpIds,
  ftpsFiles,
  groupFile,
  passwdFile,
  proftpdSnippet,
  type FtpIds,
  type FtpLogin,
} from './proftpd-config.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';

/** A user as the FTP decisions read them. */
export interface FtpUser extends FtpCandidate {
  readonly username: string;
}

export interface FtpServiceOptions {
  readonly accounts: FtpAccounts;
  /** The users and units as they are now (read at every pass). */
  readonly org: () => Promise<{ readonly users: readonly FtpUser[]; readonly units: readonly UnitView[] }>;
  readonly config: FtpsConfig;
  readonly log: Logger;
  readonly clock?: () => number;
  /** The identity of the logins' sessions (default: ftpIds()). */
  readonly ids?: FtpIds;
}

/** 18 random bytes: 24 characters of base64url, which FileZilla and a passwd line hold as they are. */
const PASSWORD_BYTES = 18;

/**
 * Administrators' FTP logins: issuing (and rotating) a password shown once, revoking, and keeping ProFTPD's files in
 * step with the accounts. A pass writes the unit administrators' homes, then the AuthUserFile, from Redis: a login
 * whose account is gone, disabled or no longer an administrator is dropped (its hash too, so that regaining the role
 * does not bring an old password back). Passes run one at a time, after every change of FTP logins, users or units,
 * and every `everyMs` as well (for changes made by another server process, and new files for the homes).
 */
export class FtpService {
  private readonly mirror = new HardLinkMirror();
  private readonly files;
  private readonly ids: FtpIds;
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(private readonly options: FtpServiceOptions) {
    this.files = ftpsFiles(options.config.dir);
    this.ids = options.ids ?? ftpIds();
  }

  async view(user: FtpUser): Promise<FtpAccessView> {
    const home = await this.homeOf(user);
    const account = await this.options.accounts.get(user.id);
    return {
      ...this.where(),
      username: account?.username ?? null,
      issuedAt: account ? new Date(account.issuedAt).toISOString() : null,
      home: homeView(home),
    };
  }

  /** A new password for the user's FTP login (the first, or one replacing the last): the only time it is shown. */
  async issue(user: FtpUser): Promise<FtpCredentialsView> {
    await this.homeOf(user);
    const before = await this.options.accounts.get(user.id);
    const password = randomBytes(PASSWORD_BYTES).toString('base64url');
    const account: FtpAccount = {
      userId: user.id,
      username: user.username,
      hash: await sha512Crypt(password),
      issuedAt: (this.options.clock ?? Date.now)(),
    };
    await this.options.accounts.put(account);
    await this.sync();
    this.options.log.info({ user: user.username }, before ? 'FTP password rotated' : 'FTP login issued');
    return { ...this.where(), username: account.username, password };
  }

  /** Ends the user's FTP login; false when there was none. */
  async revoke(user: FtpUser): Promise<boolean> {
    const revoked = await this.options.accounts.delete(user.id);
    await this.sync();
    if (revoked) this.options.log.info({ user: user.username }, 'FTP login revoked');
    return revoked;
  }

  /** Writes the snippet and group file, runs a first pass, then one every `everyMs`; returns what stops them. */
  async start(everyMs: number): Promise<() => void> {
    const { config } = this.options;
    try {
      await mkdir(config.dir, { recursive: true, mode: 0o750 });
      await writeTextAtomically(this.files.snippet, proftpdSnippet(config), 0o644);
      await writeTextAtomically(this.files.groups, groupFile(this.ids), 0o600);
      await this.sync();
    } catch (error) {
      throw new Error(
        `Cannot write the FTP files (FTPS_DIR ${config.dir}, FILES_DIR ${config.filesDir}): ${(error as Error).message}`,
      );
    }
    const timer = setInterval(() => this.syncInBackground(), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** A pass after the one running now, if any; calls while one waits share it. */
  sync(): Promise<void> {
    this.queued ??= this.tail.then(() => {
      this.queued = null;
      return this.pass();
    });
    const next = this.queued;
    this.tail = next.catch(() => undefined);
    return next;
  }

  syncInBackground(): void {
    this.sync().catch((error: unknown) =>
      this.options.log.error({ err: (error as Error).message }, 'FTP logins and homes not written'),
    );
  }

  private where(): { host: string; port: number } {
    return { host: this.options.config.publicHost, port: this.options.config.port };
  }

  private async homeOf(user: FtpUser): Promise<FtpHome> {
    const home = ftpHome(user, await this.options.org());
    if (!home) throw forbidden(say(m.admin_refusal_ftp_who));
    return home;
  }

  private async pass(): Promise<void> {
    const { config, log } = this.options;
    const [org, accounts] = await Promise.all([this.options.org(), this.options.accounts.list()]);
    const users = new Map(org.users.map((user) => [user.id, user]));
    const logins: FtpLogin[] = [];
    const homes = new Map<string, ReadonlyMap<string, string>>();
    for (const account of accounts.sort((a, b) => a.username.localeCompare(b.username))) {
      const user = users.get(account.userId);
      const home = user?.username === account.username ? ftpHome(user, org) : null;
      if (!home) {
        if (await this.options.accounts.delete(account.userId)) {
          log.info(
            { user: account.username },
            'FTP login removed: the account is gone, disabled or no longer an administrator',
          );
        }
        continue;
      }
      if (home.kind === 'center') {
        logins.push({ username: account.username, hash: account.hash, home: scopeDir(config.filesDir, CENTER) });
        continue;
      }
      homes.set(
        account.username,
        new Map(
          home.units.map((unit) => [unit.folder, scopeDir(config.filesDir, { kind: 'unit', unitId: unit.unitId })]),
        ),
      );
      logins.push({
        username: account.username,
        hash: account.hash,
        home: path.join(ftpHomesDir(config.filesDir), account.username),
      });
    }
    // The homes first: a login never names a home that is not there yet.
    await mkdir(scopeDir(config.filesDir, CENTER), { recursive: true, mode: 0o755 });
    await this.mirror.keepOnly(ftpHomesDir(config.filesDir), new Set(homes.keys()));
    for (const [username, units] of homes)
      await this.mirror.compose(path.join(ftpHomesDir(config.filesDir), username), units);
    if (await writeTextAtomically(this.files.users, passwdFile(logins, this.ids), 0o600)) {
      log.info({ logins: logins.length, file: this.files.users }, 'FTP logins written');
    }
  }
}
