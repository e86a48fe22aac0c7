import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FtpsConfig } from '../config.ts';
import { ftpsFiles } from '../ftps/proftpd-config.ts';
import type { Localized } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';
import {
  freePortRange,
  proftpdMissing,
  selfSignedCertificate,
  startProftpd,
  type OwnProftpd,
} from '../ftps/proftpd.ts';

export interface DemoFtps {
  /** The FTP variables of the demo's configuration. */
  readonly env: Record<string, string>;
  /** Why the demo runs no ProFTPD of its own (null: it does). */
  readonly missing: string | null;
}

/**
 * FTP access for the demo: its files under `dataDir`, and where ProFTPD can run here (installed, with TLS, as root),
 * a free control port, a free passive range and a self-signed certificate made once.
 */
export async function demoFtps(dataDir: string): Promise<DemoFtps> {
  const env = {
    FILES_DIR: path.join(dataDir, 'files'),
    FTPS_DIR: path.join(dataDir, 'ftps'),
    FTPS_PUBLIC_HOST: 'localhost',
  };
  const missing = await proftpdMissing();
  if (missing) return { env, missing };
  // Logins run as `nobody` under root, and ProFTPD enters the home as the login: the data folder must let it pass.
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, (await stat(dataDir)).mode | 0o001);
  const [[port], passive, tls] = await Promise.all([
    freePortRange(1),
    freePortRange(20),
    selfSignedCertificate(path.join(dataDir, 'ftps-tls')),
  ]);
  return {
    env: {
      ...env,
      FTPS_PORT: String(port),
      FTPS_PASSIVE_PORTS: passive.join('-'),
      FTPS_CERT: tls.cert,
      FTPS_KEY: tls.key,
    },
    missing: null,
  };
}

/** The demo's own ProFTPD, serving with the snippet the board wrote. */
export function startDemoProftpd(config: FtpsConfig, dataDir: string): Promise<OwnProftpd> {
  return startProftpd({
    dir: path.join(dataDir, 'proftpd'),
    snippet: ftpsFiles(config.dir).snippet,
    port: config.port,
  });
}

/** What the demo prints about FTP access. */
export function ftpsBanner(config: FtpsConfig, missing: string | null): Localized {
  return (locale) =>
    missing
      ? `  ${m.server_demo_ftps_missing({ why: missing, dir: config.dir }, { locale })}\n`
      : `  ${m.server_demo_ftps({ port: config.port }, { locale })}\n    ${m.server_demo_ftps_logon({}, { locale })}\n`;
}
