import type { Request, Router } from 'express';
import type { Redis } from '../redis-client.ts';
import type { Layout } from '../contract/layout.ts';
import type { Locale } from '../contract/locale.ts';
import { m } from '../contract/messages/messages.js';
import type { Logger } from '../log.ts';
import type { Transport } from '../realtime/transport.ts';
import type { LayoutKeys } from '../store/keys.ts';
import { LayoutRepository } from './repository.ts';
import type { LayoutViewer } from './rights.ts';
import { createLayoutsRouter } from './router.ts';
import { LayoutService } from './service.ts';
import { readShippedLayouts } from './shipped.ts';
import { layoutCommands, layoutPublisher, type LayoutCommands, type LayoutSocket } from './socket.ts';

export interface LayoutsDeps {
  readonly redis: Redis;
  readonly keys: LayoutKeys;
  readonly transport: Transport;
  readonly log: Logger;
  /** Who is asking an HTTP request, for `updatedBy` (default: anonymous). */
  readonly actor?: (request: Request) => string;
  /** The one layout an HTTP request may read (a kiosk link's own), or null for any (default). */
  readonly onlyLayout?: (request: Request) => string | null;
  /** The user asking an HTTP request, for who may read and change which layout; null: anyone may (default). */
  readonly viewer?: (request: Request) => Promise<LayoutViewer | null>;
  /** Whether a kiosk link shows a layout (default: none does). */
  readonly onKiosk?: (id: string) => Promise<boolean>;
  /** Whether a socket may show a layout (a wall TV's kiosk link shows only its own; default: any). */
  readonly mayWatch?: (socket: LayoutSocket, id: string) => boolean;
  /** Whether a socket may follow the list of layouts (a kiosk link may not; default: any). */
  readonly mayList?: (socket: LayoutSocket) => boolean;
  /** Whether a socket's user may read a layout (default: any). */
  readonly mayRead?: (socket: LayoutSocket, layout: Layout) => boolean;
  /** The folder of the shipped layouts (default: the repository's layouts/). */
  readonly shippedDir?: string;
  /** The board's IANA time zone, for the times that refusals name (default: UTC). */
  readonly timeZone?: string;
  /** The installation's language (DEFAULT_LOCALE): the shipped layouts are named in it (default: as in their files). */
  readonly shippedLocale?: Locale;
}

export interface Layouts {
  readonly service: LayoutService;
  /** Mount at /api/layouts. */
  readonly router: Router;
  /** A socket's layout commands, to spread into its dispatchCommands handlers. */
  readonly commands: (socket: LayoutSocket) => LayoutCommands;
}

/**
 * Layouts, wired: the Redis repository, the service announcing changes to the screens in a layout's room, the REST
 * router and the socket commands. The shipped layouts are seeded whenever the Redis connection becomes ready, so a
 * board started before Redis, or a Redis that lost its data, still gets them.
 */
export function createLayouts(deps: LayoutsDeps): Layouts {
  const service = new LayoutService(
    new LayoutRepository(deps.redis, deps.keys, { ...(deps.timeZone && { timeZone: deps.timeZone }) }),
    layoutPublisher(deps.transport),
  );
  const seed = (): void => void seedShipped(service, deps);
  deps.redis.on('ready', seed);
  if (deps.redis.status === 'ready') seed();
  return {
    service,
    router: createLayoutsRouter({
      layouts: service,
      ...(deps.actor && { actor: deps.actor }),
      ...(deps.onlyLayout && { onlyLayout: deps.onlyLayout }),
      ...(deps.viewer && { viewer: deps.viewer }),
      ...(deps.onKiosk && { onKiosk: deps.onKiosk }),
    }),
    commands: (socket) =>
      layoutCommands(socket, service, {
        mayWatch: deps.mayWatch ?? (() => true),
        mayList: deps.mayList ?? (() => true),
        mayRead: deps.mayRead ?? (() => true),
      }),
  };
}

/** The shipped layouts' names in the catalogue, by id; a shipped layout not listed keeps its file's name. */
const SHIPPED_NAMES: Record<string, (inputs: Record<string, never>, options: { locale: Locale }) => string> = {
  overview: m.editor_shipped_overview,
  'agent-grid': m.editor_shipped_agent_grid,
  'queue-view': m.editor_shipped_queue_view,
};

async function seedShipped(service: LayoutService, { shippedDir, shippedLocale, log }: LayoutsDeps): Promise<void> {
  try {
    const { layouts, problems } = await readShippedLayouts(shippedDir);
    for (const problem of problems) log.error({ problem }, 'shipped layout left out');
    const named = (layout: Layout): Layout => {
      const name = shippedLocale && SHIPPED_NAMES[layout.id];
      return name ? { ...layout, name: name({}, { locale: shippedLocale }) } : layout;
    };
    const seeded = await service.seed(layouts.map(named));
    if (seeded.length > 0) log.info({ seeded }, 'shipped layouts seeded');
  } catch (error) {
    log.warn(
      { err: (error as Error).message },
      'shipped layouts not seeded; trying again on the next Redis connection',
    );
  }
}
