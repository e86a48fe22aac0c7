import type { MonitorEnd, MonitorSessionView } from '../../../server/contract/monitoring.ts';
import { formatDuration } from '../../display/format.ts';
import { MODE_NAMES } from '../../live/monitor-labels.ts';

const END_WORDS: Readonly<Record<MonitorEnd, string>> = {
  stopped: 'Stopped',
  endedByAdmin: 'Ended by an administrator',
  hungUp: 'Supervisor hung up',
  callEnded: 'The call ended',
  noAnswer: 'Phone did not answer',
  amiDown: 'Asterisk disconnected',
};

/** A session's mode changes in order, each with where it came from: "Whisper (board), Barge (keypad)". */
export function changesOf(session: MonitorSessionView): string {
  return session.changes.map((change) => `${MODE_NAMES[change.mode].button} (${change.origin})`).join(', ') || '—';
}

/** How long a session lasted (ended) or has lasted so far (`now`, server time). */
export function sessionDuration(session: MonitorSessionView, now: number): string {
  return formatDuration(((session.endedAt ?? now) - session.startedAt) / 1000);
}

export function endWords(session: MonitorSessionView): string {
  return session.end ? END_WORDS[session.end] : '';
}
