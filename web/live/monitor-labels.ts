import type { MonitorMode, MonitorSessionView } from '../../server/contract/monitoring.ts';
import { formatDuration } from '../display/format.ts';
import { m } from '../../server/contract/messages/messages.js';

interface ModeWords {
  readonly button: string;
  /** What the session bar says while the mode runs. */
  doing(agent: string, duration: string): string;
}

/** The buttons' names (the seed's Cichy, Szept, W 3 strony in Polish), read in the viewer's language when shown. */
export const MODE_NAMES: Readonly<Record<MonitorMode, ModeWords>> = {
  listen: {
    get button() {
      return m.board_monitor_listen();
    },
    doing: (agent, duration) => m.board_monitor_doing_listen({ agent, duration }),
  },
  whisper: {
    get button() {
      return m.board_monitor_whisper();
    },
    doing: (agent, duration) => m.board_monitor_doing_whisper({ agent, duration }),
  },
  barge: {
    get button() {
      return m.board_monitor_barge();
    },
    doing: (agent, duration) => m.board_monitor_doing_barge({ agent, duration }),
  },
};

/**
 * What the session bar says of a running session: the phone ringing, then what the user is doing, to whom, for how long
 * since the session started (`now`: server time, epoch ms).
 */
export function sessionLabel(session: MonitorSessionView, now: number): string {
  if (session.state === 'ringing') return m.board_monitor_calling_phone();
  if (session.state === 'waiting') return m.board_monitor_connecting({ agent: session.agentName });
  return MODE_NAMES[session.mode].doing(session.agentName, formatDuration((now - session.startedAt) / 1000));
}
