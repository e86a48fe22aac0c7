import { Router, type Request } from 'express';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { conflict } from '../refusal.ts';
import type { FtpService } from './service.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';

/**
 * `/api/ftp/credentials`, for the logged-in Owner or administrator (a unit administrator too: their login sees their
 * units only): GET where to connect and the login issued, POST a new password (shown this once; again: another),
 * DELETE ends the login. Without `service` FTP access is not set up on this server, and every call says so.
 */
export function ftpRoutes(access: AccessControl, service: FtpService | null): Router {
  const router = Router();
  router.use('/credentials', access.requireUser(ADMIN_ROLES));
  if (!service) {
    router.use('/credentials', () => {
      throw conflict(say(m.admin_refusal_ftp_off));
    });
    return router;
  }
  const user = (request: Request) => access.userOf(request).user;

  router.get('/credentials', async (request, response) => {
    response.json(await service.view(user(request)));
  });

  router.post('/credentials', async (request, response) => {
    response.status(201).json(await service.issue(user(request)));
  });

  router.delete('/credentials', async (request, response) => {
    await service.revoke(user(request));
    response.status(204).end();
  });
  return router;
}
