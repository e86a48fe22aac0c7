import type { MonitorMode, MonitorSessionView } from '../../server/contract/monitoring.ts';
import { formatDuration } from '../display/format.ts';

/** The buttons' names, and the word the session bar uses for each mode. */
export const MODE_NAMES: Readonly<Record<MonitorMode, { readonly button: string; readonly doing: string }>> = {
  listen: { button: 'Listen', doing: 'Listening to' },
  whisper: { button: 'Whisper', doing: 'Whispering to' },
  barge: { button: 'Barge', doing: 'Barging in on' },
};

/**
 * What the session bar says of a running session: the phone ringing, then what the user is doing, to whom, for how long
 * since the session started (`now`: server time, epoch ms).
 */
export function sessionLabel(session: MonitorSessionView, now: number): string {
  if (session.state === 'ringing') return 'Calling your phone…';
  if (session.state === 'waiting') return `Connecting to ${session.agentName}…`;
  return `${MODE_NAMES[session.mode].doing} ${session.agentName} — ${formatDuration((now - session.startedAt) / 1000)}`;
}
