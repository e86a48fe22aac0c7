import { Router, type Request } from 'express';
import { passwordResetBody, userCreateBody, userUpdateBody } from '../../contract/accounts.ts';
import { checkRoleChange } from '../org/rules.ts';
import { ADMIN_ROLES, type AccessControl } from '../control.ts';
import { badRequest, forbidden, validate } from '../../refusal.ts';
import { hashPassword } from '../accounts/password.ts';
import { userView, type UserChange, type UserRecord } from '../accounts/users.ts';
import { jsonBody } from '../../json-body.ts';
import { say } from '../../i18n.ts';
import { m } from '../../contract/messages/messages.js';

const json = jsonBody('64kb');

/**
 * `GET|POST /users`, `PATCH /users/:id` (name, role, interfaces, disabled) and `POST /users/:id/password` (a new
 * password set by an administrator); mounted under `/api`. For the Owner and administrators who see the whole board.
 */
export function userRoutes(access: AccessControl): Router {
  const router = Router();
  router.use('/users', access.requireUser(ADMIN_ROLES, { wholeBoard: true }));

  /** The Owner's account is the Owner's own business: nobody else edits it or sets its password. */
  const target = async (request: Request): Promise<UserRecord> => {
    const user = await access.users.require(String(request.params.id));
    if (user.role === 'owner' && access.userOf(request).user.id !== user.id) {
      throw forbidden(say(m.admin_refusal_owner_only));
    }
    return user;
  };

  router.get('/users', async (_request, response) => {
    response.json((await access.users.list()).map(userView));
  });

  router.post('/users', json, async (request, response) => {
    const { password, ...fields } = validate(userCreateBody, request.body);
    const passwordHash = await hashPassword(password, access.scryptCost);
    const user = await access.users.create({
      ...fields,
      displayName: fields.displayName ?? fields.username,
      passwordHash,
    });
    await access.events.publish({ type: 'orgChanged' });
    response.status(201).json(userView(user));
  });

  router.patch('/users/:id', json, async (request, response) => {
    const user = await target(request);
    const change: UserChange = validate(userUpdateBody, request.body);
    if (user.role === 'owner' && (change.role !== undefined || change.disabled !== undefined)) {
      throw badRequest(say(m.admin_refusal_owner_keeps));
    }
    if (change.role) checkRoleChange(user, change.role, await access.org.units.list());
    const updated = await access.users.update(user.id, change);
    if (change.disabled && !user.disabled) {
      await access.sessions.endAll(user.id);
      await access.events.publish({ type: 'userRevoked', userId: user.id });
    }
    await access.events.publish({ type: 'orgChanged' });
    response.json(userView(updated));
  });

  router.post('/users/:id/password', json, async (request, response) => {
    const user = await target(request);
    const { password } = validate(passwordResetBody, request.body);
    await access.users.update(user.id, { passwordHash: await hashPassword(password, access.scryptCost) });
    // Whoever knew the old password is logged out everywhere.
    await access.sessions.endAll(user.id);
    await access.events.publish({ type: 'userRevoked', userId: user.id });
    response.status(204).end();
  });

  return router;
}
