import type { MonitorMode, MonitorSessionView } from '../contract/monitoring.ts';
import type { Result } from '../contract/result.ts';

/** What a process asks of the AMI lease holder, which alone talks to Asterisk (server/holder carries it). */
export type HolderRequest =
  | {
      readonly kind: 'start';
      /** The session as the asking process drafted it (state `ringing`). */
      readonly session: MonitorSessionView;
      readonly endpoint: string;
      /** The supervisor's phone, as Asterisk dials it. */
      readonly phone: string;
      /** The agent's channel name prefix, as ChanSpy takes it. */
      readonly spy: string;
      /** What the supervisor's phone shows: the agent monitored. */
      readonly callerId: string;
    }
  | {
      readonly kind: 'adopt';
      /** A session started from the phone with `#44`: Asterisk runs ChanSpy on the dialling channel itself. */
      readonly session: MonitorSessionView;
      readonly endpoint: string;
      readonly channel: string;
      readonly uniqueid: string;
    }
  | { readonly kind: 'mode'; readonly supervisor: string; readonly mode: MonitorMode }
  | { readonly kind: 'stop'; readonly supervisor: string }
  | { readonly kind: 'end'; readonly id: string };

export type HolderAnswer = Result<MonitorSessionView>;
