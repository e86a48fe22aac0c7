import path from 'node:path';
import { Router } from 'express';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { badRequest, forbidden, notFound, validate } from '../refusal.ts';
import { recordingSettingsBody } from '../contract/recordings.ts';
import { jsonBody } from '../json-body.ts';
import type { Logger } from '../log.ts';
import { mayHear } from './access.ts';
import type { RecordingStore } from './store.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';

export interface RecordingRoutesDeps {
  readonly access: AccessControl;
  readonly store: RecordingStore;
  /** FILES_DIR: every recording's path is relative to it. */
  readonly filesDir: string;
  /** The queues Asterisk reports now: a queue to record must be one of them (or recorded already). */
  readonly knownQueues: () => Promise<readonly string[]>;
  readonly log: Logger;
}

/**
 * `/api/recordings`: the recording settings (`/settings`: read by administrators, changed by those of the whole
 * center, since a queue or a user may belong to several units) and each call's MP3 (`/:callId`), played with byte
 * ranges or, with `?download=1`, downloaded — for those allowed to hear it (server/access/permissions.ts).
 */
export function recordingRoutes(deps: RecordingRoutesDeps): Router {
  const { access, store } = deps;
  const router = Router();
  const json = jsonBody('256kb');

  router.get('/settings', access.requireUser(ADMIN_ROLES), async (_request, response) => {
    response.json(await store.settings());
  });

  router.put('/settings', access.requireUser(ADMIN_ROLES, { wholeBoard: true }), json, async (request, response) => {
    const body = validate(recordingSettingsBody, request.body);
    const [before, users, known] = await Promise.all([store.settings(), access.users.list(), deps.knownQueues()]);
    const queues = new Set([...known, ...before.queues]);
    const unknownQueues = body.queues.filter((queue) => !queues.has(queue));
    if (unknownQueues.length > 0)
      throw badRequest(say(m.admin_refusal_recording_unknown_queues, { queues: unknownQueues.join(', ') }));
    const ids = new Set(users.map((user) => user.id));
    const unknownUsers = body.users.filter((id) => !ids.has(id));
    if (unknownUsers.length > 0) throw badRequest(say(m.admin_refusal_unknown_users, { ids: unknownUsers.join(', ') }));
    const saved = await store.setSettings(body);
    deps.log.info({ by: access.userOf(request).user.username, before, after: saved }, 'recording settings changed');
    response.json(saved);
  });

  router.get('/:callId', access.requireUser(), async (request, response) => {
    const { user } = access.userOf(request);
    const entry = await store.get(String(request.params.callId));
    if (!entry) throw notFound(say(m.server_refusal_missing_recording));
    if (!mayHear(user, entry, await access.org.load())) throw forbidden(say(m.server_refusal_recording));
    const download = request.query.download === '1';
    deps.log.info({ by: user.username, callId: entry.callId, download }, 'recording played');
    // express's sendFile answers Range requests (206) and sets audio/mpeg from the extension; the root keeps it in FILES_DIR.
    response.sendFile(
      entry.files.center,
      {
        root: deps.filesDir,
        dotfiles: 'deny',
        headers: {
          'Cache-Control': 'private, no-store',
          ...(download && { 'Content-Disposition': `attachment; filename="${path.basename(entry.name)}"` }),
        },
      },
      (error) => {
        if (error && !response.headersSent)
          response.status(404).json({ ok: false, error: 'The recording’s file is gone.' });
      },
    );
  });
  return router;
}
