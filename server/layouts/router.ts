import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import {
  LAYOUT_SCOPES,
  layoutListQuerySchema,
  type Layout,
  type LayoutRow,
  type LayoutScope,
} from '../contract/layout.ts';
import { m } from '../contract/messages/messages.js';
import { fail } from '../contract/result.ts';
import { say } from '../i18n.ts';
import { Refusal, validate } from '../refusal.ts';
import { LayoutError, notFound, type LayoutErrorKind } from './errors.ts';
import { ANONYMOUS, type LayoutOwnership } from './repository.ts';
import { mayChange, mayRead, ownerOf, scopeFor, scopeOfLayout, type LayoutViewer } from './rights.ts';
import type { LayoutService } from './service.ts';
import { jsonBody } from '../json-body.ts';

export interface LayoutsRouterDeps {
  readonly layouts: LayoutService;
  /** Who is asking, recorded as `updatedBy`; the accounts issue will resolve it from the session. */
  readonly actor?: (request: Request) => string;
  /**
   * The one layout a request may read, for a kiosk link's: its own layout and nothing else of the API (no list, no
   * other layout, no export). Null for a user (default).
   */
  readonly onlyLayout?: (request: Request) => string | null;
  /** The user asking, for who may read and change which layout (rights.ts); null for anyone (default). */
  readonly viewer?: (request: Request) => Promise<LayoutViewer | null>;
  /** Whether a kiosk link shows the layout (default: none does). */
  readonly onKiosk?: (id: string) => Promise<boolean>;
}

// A layout of 6 columns of 40 widgets is some 100 kB of JSON: room for that, not for abuse.
const MAX_BODY = '256kb';

const STATUS: Record<LayoutErrorKind, number> = { invalid: 400, forbidden: 403, notFound: 404, conflict: 409 };

const KIOSK_REFUSED = new LayoutError('forbidden', say(m.editor_refused_kiosk));
const CHANGE_REFUSED = new LayoutError('forbidden', say(m.editor_refused_change));
const SHARE_REFUSED = new LayoutError('forbidden', say(m.editor_refused_share));

/** The scope a body asks for, if it names a known one (the body is validated in full afterwards). */
function askedScope(body: unknown): LayoutScope | undefined {
  const scope = (body as { scope?: unknown } | null)?.scope;
  return LAYOUT_SCOPES.find((known) => known === scope);
}

/**
 * The layouts' REST API, mounted at `/api/layouts`: list (`?sort=name|columns|widgets|updatedAt&dir=asc|desc`), get,
 * create, save (409 when someone saved first), delete, export (a download of the layout file) and import. Errors are
 * JSON `{ ok: false, error }`; a malformed or oversized body (400, 413) is reported by the app's error handler.
 */
export function createLayoutsRouter(deps: LayoutsRouterDeps): Router {
  const { layouts } = deps;
  const actor = deps.actor ?? (() => ANONYMOUS);
  const onlyLayout = deps.onlyLayout ?? (() => null);
  const viewerOf = deps.viewer ?? (() => Promise.resolve(null));
  const onKiosk = deps.onKiosk ?? (() => Promise.resolve(false));
  /** Owner and scope of a layout the request creates (`stored`: none) or saves. */
  const ownership = (viewer: LayoutViewer | null, body: unknown, stored?: Layout): LayoutOwnership => {
    const asked = askedScope(body) ?? (stored && scopeOfLayout(stored));
    const scope = viewer ? scopeFor(viewer, asked) : (asked ?? 'all');
    if (scope === null) throw SHARE_REFUSED;
    return { owner: stored ? ownerOf(stored) : (viewer?.id ?? null), scope };
  };
  /** The layout, if the request may read it: one it may not read is answered as one that does not exist. */
  const readableLayout = async (
    request: Request,
    id: string,
  ): Promise<{ layout: Layout; viewer: LayoutViewer | null }> => {
    const [layout, viewer] = await Promise.all([layouts.get(id), viewerOf(request)]);
    if (viewer && !mayRead(viewer, layout)) throw notFound(id);
    return { layout, viewer };
  };
  /** The layout, if the request may change it. */
  const changeable = async (request: Request, id: string): Promise<{ layout: Layout; viewer: LayoutViewer | null }> => {
    const found = await readableLayout(request, id);
    if (found.viewer && !mayChange(found.viewer, found.layout, await onKiosk(id))) throw CHANGE_REFUSED;
    return found;
  };
  /** Refuses a kiosk link anything but reading its own layout (`id`; none for the list and the export). */
  const readable = (request: Request, id?: string): void => {
    const only = onlyLayout(request);
    if (only !== null && only !== id) throw KIOSK_REFUSED;
  };
  const router = Router();
  const json = jsonBody(MAX_BODY);

  router.get('/', async (request, response) => {
    readable(request);
    const query = validate(layoutListQuerySchema, request.query);
    const [rows, viewer] = await Promise.all([layouts.list(query), viewerOf(request)]);
    const shown = viewer ? rows.filter((row) => mayRead(viewer, row)) : rows;
    const answer: LayoutRow[] = await Promise.all(
      shown.map(async (row) => ({ ...row, mayChange: !viewer || mayChange(viewer, row, await onKiosk(row.id)) })),
    );
    response.json(answer);
  });

  router.post('/', requireJson, json, async (request, response) => {
    const layout = await layouts.create(request.body, actor(request), ownership(await viewerOf(request), request.body));
    response.status(201).location(`${request.baseUrl}/${layout.id}`).json(layout);
  });

  router.post('/import', requireJson, json, async (request, response) => {
    const layout = await layouts.import(request.body, actor(request), ownership(await viewerOf(request), request.body));
    response.status(201).location(`${request.baseUrl}/${layout.id}`).json(layout);
  });

  router.get('/:id', async (request, response) => {
    readable(request, request.params.id);
    response.json((await readableLayout(request, request.params.id)).layout);
  });

  router.put('/:id', requireJson, json, async (request: Request<{ id: string }>, response) => {
    const { layout, viewer } = await changeable(request, request.params.id);
    response.json(
      await layouts.save(request.params.id, request.body, actor(request), ownership(viewer, request.body, layout)),
    );
  });

  router.delete('/:id', async (request, response) => {
    await changeable(request, request.params.id);
    await layouts.delete(request.params.id);
    response.status(204).end();
  });

  router.get('/:id/export', async (request, response) => {
    readable(request);
    await readableLayout(request, request.params.id);
    const file = await layouts.export(request.params.id);
    response.attachment(`${request.params.id}.json`).type('json').send(file);
  });

  router.use(layoutErrors);
  return router;
}

/** Without this an import of a file sent as text would be read as "no body" and misreported as an empty layout. */
const requireJson: RequestHandler = (request, response, next) => {
  if (request.is('application/json')) return next();
  response.status(415).json(fail('The request must be JSON (Content-Type: application/json).'));
};

// Handed on as a Refusal: the app's error handler answers it in the asker's language.
const layoutErrors: ErrorRequestHandler = (error, _request, _response, next) => {
  next(error instanceof LayoutError ? new Refusal(STATUS[error.kind], (locale) => error.say(locale)) : error);
};
