import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import type { Layout } from '../contract/layout.ts';
import { LayoutError, notFound } from './errors.ts';
import type { LayoutEvents, LayoutService } from './service.ts';

export type LayoutSocket = BoardSocket;
export type LayoutCommands = Pick<CommandHandlers, 'layout:watch' | 'layouts:watch'>;

const ROOM_PREFIX = 'layout:';
/** The room of the screens showing the list of layouts. */
const LIST_ROOM = 'layouts';

/** The Socket.IO room of the screens showing a layout. */
function layoutRoom(id: string): string {
  return `${ROOM_PREFIX}${id}`;
}

/** Tells the screens showing a layout that it changed, and those showing the list what changed in it, on every process. */
export function layoutPublisher(transport: Transport): LayoutEvents {
  const list = { rooms: [LIST_ROOM] };
  return {
    created: (layout) => transport.publish('layouts:changed', { id: layout.id, change: 'created' }, list),
    saved: (layout) => {
      transport.publish('layout:saved', layout, { rooms: [layoutRoom(layout.id)] });
      transport.publish('layouts:changed', { id: layout.id, change: 'saved' }, list);
    },
    deleted: (id) => {
      transport.publish('layout:deleted', { id }, { rooms: [layoutRoom(id)] });
      transport.publish('layouts:changed', { id, change: 'deleted' }, list);
    },
  };
}

export interface LayoutAccess {
  /** Whether a socket may show a layout (a wall TV's kiosk link shows only its own). */
  readonly mayWatch: (socket: LayoutSocket, id: string) => boolean;
  /** Whether a socket may follow the list of layouts (a kiosk link may not). */
  readonly mayList: (socket: LayoutSocket) => boolean;
  /** Whether a socket's user may read the layout (server/layouts/rights.ts); one they may not is one that does not exist. */
  readonly mayRead: (socket: LayoutSocket, layout: Layout) => boolean;
}

/** The layout commands of one socket, for dispatchCommands (which validates their arguments and rate-limits them). */
export function layoutCommands(
  socket: LayoutSocket,
  layouts: Pick<LayoutService, 'get'>,
  { mayWatch, mayList, mayRead }: LayoutAccess,
): LayoutCommands {
  const readable = async (id: string): Promise<Layout> => {
    const layout = await layouts.get(id);
    if (!mayRead(socket, layout)) throw notFound(id);
    return layout;
  };
  return {
    'layouts:watch': async () => {
      if (!mayList(socket)) throw new CommandRefused(say(m.server_screen_no_layouts));
      await socket.join(LIST_ROOM);
      return null;
    },
    'layout:watch': async ([{ id }]) => {
      if (!mayWatch(socket, id)) throw new CommandRefused(say(m.server_screen_no_layout, { id }));
      const room = layoutRoom(id);
      // Checked before joining as well, so that no save of a layout the user may not read reaches them.
      await readable(id).catch(refusal);
      for (const name of [...socket.rooms]) {
        if (name.startsWith(ROOM_PREFIX) && name !== room) await socket.leave(name);
      }
      // Join before reading: a save in between then reaches the screen as layout:saved instead of being missed.
      await socket.join(room);
      try {
        return await readable(id);
      } catch (error) {
        await socket.leave(room);
        return refusal(error);
      }
    },
  };
}

function refusal(error: unknown): never {
  if (error instanceof LayoutError) throw new CommandRefused((locale) => error.say(locale));
  throw error;
}
