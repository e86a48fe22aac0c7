import { Router, type Request } from 'express';
import { kioskBody, type KioskCreatedView } from '../../contract/accounts.ts';
import { ADMIN_ROLES, type AccessControl } from '../control.ts';
import { badRequest, forbidden, validate } from '../../refusal.ts';
import { kioskView, type KioskRecord } from '../accounts/kiosks.ts';
import { jsonBody } from '../../json-body.ts';
import { say } from '../../i18n.ts';
import { m } from '../../contract/messages/messages.js';

const json = jsonBody('16kb');

/**
 * `GET /kiosk/self` (a wall TV's own link), `POST /kiosk` (a link for a wall TV: the token is shown once), `GET /kiosk` (without tokens) and
 * `DELETE /kiosk/:id` (revoke: the TV drops at once); mounted under `/api`. A unit administrator sees and revokes the
 * links they made; the Owner and whole-board administrators all of them.
 */
export function kioskRoutes(access: AccessControl): Router {
  const router = Router();
  // A wall TV opened with only its token learns here which layout to show (`Authorization: Bearer <token>`).
  router.get('/kiosk/self', access.requireViewer(), (request, response) => {
    const principal = access.viewerOf(request);
    if (principal.kind !== 'kiosk') throw forbidden(say(m.server_refusal_not_kiosk));
    response.json(kioskView(principal.kiosk));
  });
  router.use('/kiosk', access.requireUser(ADMIN_ROLES));
  const clock = access.options.clock ?? Date.now;

  /** Which kiosks the requesting administrator may list and revoke. */
  const theirs = async (request: Request): Promise<(kiosk: KioskRecord) => boolean> => {
    const principal = access.userOf(request);
    const all = await access.managesAll(principal);
    return (kiosk) => all || kiosk.createdBy === principal.user.id;
  };

  router.post('/kiosk', json, async (request, response) => {
    const principal = access.userOf(request);
    const { user } = principal;
    const body = validate(kioskBody, request.body);
    const expiresAt = body.expiresAt === undefined ? null : Date.parse(body.expiresAt);
    if (expiresAt !== null && expiresAt <= clock()) throw badRequest(say(m.admin_refusal_expiry_past));
    if (access.options.layoutReadable && !(await access.options.layoutReadable(body.layoutId, principal))) {
      throw badRequest(say(m.admin_refusal_unknown_layout, { id: body.layoutId }));
    }
    const { kiosk, token } = await access.kiosks.create({
      name: body.name ?? body.layoutId,
      layoutId: body.layoutId,
      createdBy: user.id,
      expiresAt,
    });
    const created: KioskCreatedView = { ...kioskView(kiosk), token };
    response.status(201).json(created);
  });

  router.get('/kiosk', async (request, response) => {
    const mayManage = await theirs(request);
    response.json((await access.kiosks.list()).filter(mayManage).map(kioskView));
  });

  router.delete('/kiosk/:id', async (request, response) => {
    const kiosk = await access.kiosks.require(request.params.id);
    if (!(await theirs(request))(kiosk)) throw forbidden(say(m.admin_refusal_kiosk_other));
    await access.kiosks.revoke(kiosk);
    await access.events.publish({ type: 'kioskRevoked', kioskId: kiosk.id });
    response.status(204).end();
  });

  return router;
}
