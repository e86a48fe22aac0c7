import { createReadStream } from 'node:fs';
import { access as fileAccess } from 'node:fs/promises';
import path from 'node:path';
import { Router, type Request } from 'express';
import type { Redis } from '../redis-client.ts';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { Refusal, validate } from '../refusal.ts';
import { wholeBoard } from '../access/scope.ts';
import {
  exportDay,
  rateTableBody,
  type ExportListView,
  type RateRow,
  type RateTableView,
} from '../contract/exports.ts';
import { CENTER } from '../files/paths.ts';
import { jsonBody } from '../json-body.ts';
import type { Logger } from '../log.ts';
import type { ExportKeys } from '../store/keys.ts';
import type { Exporter } from './exporter.ts';
import { listDays, reportFile, type NamedScope, type ReportKind } from './files.ts';
import { parseRateTable, RateTableError } from './rates.ts';
import { dayOfMs } from './schedule.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';

export interface ExportRoutesDeps {
  readonly access: AccessControl;
  readonly exporter: Exporter;
  readonly redis: Redis;
  readonly keys: ExportKeys;
  readonly root: string;
  readonly log: Logger;
  readonly clock?: () => number;
}

const KINDS: Readonly<Record<string, ReportKind>> = { cdrs: 'cdrs', 'queue-calls': 'queueCalls' };

/**
 * `/api/exports`: the written days and their files (`GET /`), a file (`GET /:day/:scope/cdrs|queue-calls`), writing a
 * day now (`POST /:day`) and the rate table (`GET|PUT /rates`). The Owner and administrators of the whole center take
 * every file; an administrator bound to units takes only those units' files, and writes only those.
 */
export function exportRoutes(deps: ExportRoutesDeps): Router {
  const { access, exporter, redis, keys, root, log } = deps;
  const clock = deps.clock ?? Date.now;
  const router = Router();
  router.use(access.requireUser(ADMIN_ROLES));

  /** The scopes the asker may take: all of them for the whole center, else the asker's units. */
  const scopesOf = async (request: Request): Promise<{ whole: boolean; scopes: NamedScope[] }> => {
    const principal = access.userOf(request);
    const org = await access.org.load();
    const whole = wholeBoard(await access.scopeOf(principal, org));
    const mine = org.units.filter(
      (unit) => whole || unit.members.includes(principal.user.id) || unit.administrators.includes(principal.user.id),
    );
    const units = mine.map((unit) => ({
      scope: { kind: 'unit' as const, unitId: unit.id },
      id: unit.id,
      name: unit.name,
    }));
    return { whole, scopes: whole ? [{ scope: CENTER, id: 'center', name: 'Whole call center' }, ...units] : units };
  };

  router.get('/', async (request, response) => {
    const { whole, scopes } = await scopesOf(request);
    const body: ExportListView = {
      days: await listDays(root, scopes, await exporter.writtenDays()),
      mayEditRates: whole,
    };
    response.json(body);
  });

  router.get('/rates', async (_request, response) => {
    const stored = await redis.get(keys.rates);
    const body: RateTableView = stored ? (JSON.parse(stored) as RateTableView) : { rates: [], updatedAt: null };
    response.json(body);
  });

  router.put('/rates', jsonBody('12mb'), async (request, response) => {
    if (!(await scopesOf(request)).whole) throw new Refusal(403, say(m.admin_refusal_rates_whole));
    const { csv } = validate(rateTableBody, request.body);
    let rates: RateRow[];
    try {
      rates = parseRateTable(csv);
    } catch (error) {
      if (error instanceof RateTableError) throw new Refusal(400, error.text);
      throw error;
    }
    const table: RateTableView = { rates, updatedAt: new Date(clock()).toISOString() };
    await redis.set(keys.rates, JSON.stringify(table));
    log.info({ user: access.userOf(request).user.username, rates: rates.length }, 'rate table changed');
    response.json(table);
  });

  router.get('/:day/:scope/:kind', async (request, response) => {
    const day = validate(exportDay, String(request.params.day), 'day');
    const kind = KINDS[String(request.params.kind)];
    const wanted = (await scopesOf(request)).scopes.find((scope) => scope.id === request.params.scope);
    if (!kind) throw new Refusal(404, say(m.server_refusal_report_kind));
    if (!wanted) throw new Refusal(403, say(m.admin_refusal_report_scope));
    const file = reportFile(root, wanted.scope, kind, day);
    try {
      await fileAccess(file);
    } catch {
      throw new Refusal(404, say(m.admin_refusal_report_missing, { day }));
    }
    response.attachment(path.basename(file));
    response.type(kind === 'cdrs' ? 'text/csv; charset=utf-8' : 'application/zip');
    createReadStream(file).pipe(response);
  });

  router.post('/:day', async (request, response) => {
    const day = validate(exportDay, String(request.params.day), 'day');
    if (day > dayOfMs(clock())) throw new Refusal(400, say(m.admin_refusal_day_ahead));
    const { whole, scopes } = await scopesOf(request);
    if (!whole && scopes.length === 0) throw new Refusal(403, say(m.admin_refusal_no_unit));
    const written = await exporter.writeNow(
      day,
      whole ? { center: true } : { center: false, units: new Set(scopes.map((scope) => scope.id)) },
    );
    if (!written) throw new Refusal(409, say(m.admin_refusal_reports_busy));
    log.info(
      { user: access.userOf(request).user.username, day, scopes: written.scopes.length },
      'reports written on request',
    );
    response.json({ day, scopes: written.scopes.length });
  });
  return router;
}
