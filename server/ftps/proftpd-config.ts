import path from 'node:path';
import type { FtpsConfig } from '../config.ts';

/** The files Tablica writes into FTPS_DIR for ProFTPD. */
export const ftpsFiles = (dir: string) => ({
  /** AuthUserFile: one line per FTP login, in /etc/passwd's format. */
  users: path.join(dir, 'ftpd.passwd'),
  /** AuthGroupFile: the one group the logins share. */
  groups: path.join(dir, 'ftpd.group'),
  /** The configuration to include in proftpd.conf. */
  snippet: path.join(dir, 'proftpd-tablica.conf'),
  /** ProFTPD's log of every download. */
  transfers: path.join(dir, 'xferlog'),
});

/** The system user and group an FTP login's session runs as: it must be able to read the files. */
export interface FtpIds {
  readonly uid: number;
  readonly gid: number;
}

/**
 * The ids of this process, which writes the files, so that a session reads them whatever their mode; when Tablica
 * runs as root (which ProFTPD refuses as a login's identity) those of `nobody`/`nogroup`, who read what umask 022 lets
 * everyone read.
 */
export function ftpIds(): FtpIds {
  const uid = process.getuid?.() ?? 65_534;
  const gid = process.getgid?.() ?? 65_534;
  return uid === 0 ? { uid: 65_534, gid: 65_534 } : { uid, gid };
}

export interface FtpLogin {
  readonly username: string;
  /** SHA-512 crypt. */
  readonly hash: string;
  /** The absolute folder the login is chrooted to. */
  readonly home: string;
}

/** The AuthUserFile: `name:hash:uid:gid:gecos:home:shell`; no shell, ProFTPD is told not to require one. */
export function passwdFile(logins: readonly FtpLogin[], ids: FtpIds): string {
  return logins
    .map((login) => `${login.username}:${login.hash}:${ids.uid}:${ids.gid}::${login.home}:/bin/false\n`)
    .join('');
}

export function groupFile(ids: FtpIds): string {
  return `tablica-ftp:x:${ids.gid}:\n`;
}

/**
 * The part of proftpd.conf that serves Tablica's files: a virtual host on FTPS_PORT that knows only the logins of
 * the AuthUserFile, requires TLS before the login, chroots every login to its home, serves passive data connections
 * only (no PORT: no bounce to a third host) and refuses every command that would change a file.
 */
export function proftpdSnippet(config: FtpsConfig): string {
  const files = ftpsFiles(config.dir);
  const [first, last] = config.passivePorts;
  return `# Tablica's FTPS server. Written by Tablica at every start from its configuration (FTPS_* variables):
# include it at the end of proftpd.conf rather than editing it.
<IfModule !mod_tls.c>
  LoadModule mod_tls.c
</IfModule>
<IfModule mod_copy.c>
  CopyEngine off
</IfModule>
<IfModule mod_site_misc.c>
  SiteMiscEngine off
</IfModule>

<VirtualHost 0.0.0.0>
  ServerName "Tablica"
  Port ${config.port}
  PassivePorts ${first} ${last}
  AuthOrder mod_auth_file.c
  AuthUserFile ${files.users}
  AuthGroupFile ${files.groups}
  RequireValidShell off
  DefaultRoot ~
  AllowChrootSymlinks off
  ShowSymlinks off
  MaxLoginAttempts 3
  WtmpLog off
  TransferLog ${files.transfers}

  TLSEngine on
  TLSRequired on
  TLSProtocol TLSv1.2 TLSv1.3
  TLSRSACertificateFile ${config.cert}
  TLSRSACertificateKeyFile ${config.key}
  TLSVerifyClient off

  # Read-only: listing and downloading only.
  <Limit WRITE SITE_CHMOD SITE_CHGRP SITE_CPFR SITE_CPTO SITE_MKDIR SITE_RMDIR SITE_SYMLINK SITE_UTIME PORT EPRT>
    DenyAll
  </Limit>
</VirtualHost>
`;
}
