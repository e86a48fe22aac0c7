import express, { Router } from 'express';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { BackupStore } from './store.ts';

// A configuration of thousands of accounts and hundreds of layouts is a few megabytes.
const json = express.json({ limit: '32mb' });

/**
 * `GET /backup` (the configuration as one file) and `POST /backup/restore` (replace it with a file's), for the Owner
 * only: the file holds every password hash, the Owner's included, and a restore replaces every account.
 * `GET /installation` (Redis persistence, a loss of its data) for the Owner and whole-board administrators, and
 * `POST /installation/acknowledge` (the Owner dismisses the loss warning). Mounted under `/api`.
 */
export function backupRoutes(access: AccessControl): Router {
  const router = Router();
  const owner = access.requireUser(['owner']);
  const store = new BackupStore({
    redis: access.options.redis,
    prefix: access.options.prefix,
    log: access.options.log,
    ...(access.options.clock && { clock: access.options.clock }),
  });

  router.get('/backup', owner, async (_request, response) => {
    const backup = await store.export();
    response.attachment(`tablica-backup-${backup.createdAt.slice(0, 10)}.json`);
    response.type('application/json').send(`${JSON.stringify(backup, null, 2)}\n`);
  });

  router.post('/backup/restore', owner, json, async (request, response) => {
    const summary = await store.restore(request.body);
    await access.installation.check();
    response.json(summary);
  });

  router.get('/installation', access.requireUser(ADMIN_ROLES, { wholeBoard: true }), async (_request, response) => {
    await access.installation.check();
    response.json(access.installation.view());
  });

  router.post('/installation/acknowledge', owner, async (_request, response) => {
    await access.installation.acknowledgeLoss();
    response.json(access.installation.view());
  });

  return router;
}
