import type { Redis } from '../redis-client.ts';
import type { Router } from 'express';
import type { AccessControl } from '../access/control.ts';
import type { FtpsConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { FtpAccounts } from './accounts.ts';
import { ftpRoutes } from './routes.ts';
import { FtpService } from './service.ts';

/** How often ProFTPD's files are written again without a change seen here (another process's, new files for the homes). */
const DEFAULT_SYNC_MS = 10_000;

export interface FtpsDeps {
  readonly redis: Redis;
  readonly access: AccessControl;
  /** Absent: FTP access is not offered (the routes say so). */
  readonly config: FtpsConfig | undefined;
  readonly log: Logger;
  readonly syncEveryMs?: number;
}

export interface Ftps {
  readonly router: Router;
  /** The service, when configured (tests and the demo drive its passes). */
  readonly service: FtpService | null;
  start(): Promise<void>;
  close(): void;
}

/** FTP access: administrators' FTPS logins for ProFTPD (server/ftps), rewritten whenever accounts or units change. */
export function createFtps(deps: FtpsDeps): Ftps {
  const { access, config, log } = deps;
  const service = config
    ? new FtpService({
        accounts: new FtpAccounts(deps.redis, access.keys.ftpAccounts),
        org: () => access.org.load(),
        config,
        log,
      })
    : null;
  const stops: (() => void)[] = [];
  return {
    router: ftpRoutes(access, service),
    service,
    start: async () => {
      if (!service) return;
      stops.push(
        access.events.on((event) => {
          if (event.type === 'orgChanged' || event.type === 'userRevoked') service.syncInBackground();
        }),
      );
      stops.push(await service.start(deps.syncEveryMs ?? DEFAULT_SYNC_MS));
    },
    close: () => stops.splice(0).forEach((stop) => stop()),
  };
}
