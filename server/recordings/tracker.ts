import type { AmiFields } from '../domain/input.ts';
import { text, variableName } from '../domain/field-reads.ts';

/**
 * Follows recordings on one PBX's AMI, as trace 16 shows them: the file name appears only in `VarSet
 * MIXMONITOR_FILENAME` on the recorded channel (the caller's queue channel when app_queue records, the channel a
 * `MixMonitor` action names otherwise), and a recording ends with `MixMonitorStop` or, with no event of its own, when
 * that channel hangs up. `AgentConnect` tells which queue call a channel belongs to. No I/O: the holder acts on what
 * this returns.
 */

/** A queue call as it was answered (AgentConnect), in the PBX's own names. */
export interface AnsweredCall {
  /** The caller's Uniqueid: queue_log's call id. */
  readonly uniqueid: string;
  readonly queue: string;
  /** The member interface that answered. */
  readonly agent: string;
  readonly callerIdNum: string;
  /** The extension the caller dialled (the queue's). */
  readonly dialled: string;
  readonly answeredAt: number;
  /** The agent's leg, which a `MixMonitor` action records. */
  readonly agentChannel: string;
}

/** A recording whose file Asterisk has closed. */
export interface EndedRecording {
  readonly call: AnsweredCall;
  /** The WAV as Asterisk named it (its own path). */
  readonly file: string;
  readonly endedAt: number;
}

export type TrackerOutput =
  /** `recording`: Asterisk records this call already (app_queue's own `MONITOR_FILENAME`). */
  | { readonly kind: 'answered'; readonly call: AnsweredCall; readonly recording: boolean }
  | { readonly kind: 'ended'; readonly recording: EndedRecording };

/** Calls whose end never came (a lost link) are forgotten after a day. */
const FORGET_AFTER_MS = 86_400_000;

export class RecordingTracker {
  private readonly calls = new Map<string, AnsweredCall>();
  /** Caller and agent channels of the calls above. */
  private readonly callOfChannel = new Map<string, string>();
  /** Recorded channel → the call and the file. */
  private readonly recordings = new Map<string, { readonly uniqueid: string; readonly file: string }>();

  observe(fields: AmiFields, at: number): TrackerOutput | undefined {
    const event = text(fields, 'event');
    const channel = text(fields, 'channel');
    switch (event) {
      case 'AgentConnect':
        return this.answered(fields, at);
      case 'VarSet': {
        if (variableName(fields).toUpperCase() !== 'MIXMONITOR_FILENAME' || channel === '') return undefined;
        // Before AgentConnect (app_queue records) the channel is the caller's own, whose Uniqueid is the call's.
        const uniqueid = this.callOfChannel.get(channel) ?? text(fields, 'uniqueid');
        this.recordings.set(channel, { uniqueid, file: text(fields, 'value') });
        return undefined;
      }
      case 'MixMonitorStop':
      case 'Hangup':
        return this.closed(channel, at, event === 'Hangup');
      case 'AgentComplete': {
        const uniqueid = text(fields, 'uniqueid');
        if (![...this.recordings.values()].some((recording) => recording.uniqueid === uniqueid)) this.forget(uniqueid);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private answered(fields: AmiFields, at: number): TrackerOutput {
    const call: AnsweredCall = {
      uniqueid: text(fields, 'uniqueid'),
      queue: text(fields, 'queue'),
      agent: text(fields, 'interface'),
      callerIdNum: text(fields, 'calleridnum'),
      dialled: text(fields, 'exten'),
      answeredAt: at,
      agentChannel: text(fields, 'destchannel'),
    };
    for (const [id, old] of this.calls) if (at - old.answeredAt > FORGET_AFTER_MS) this.forget(id);
    this.calls.set(call.uniqueid, call);
    this.callOfChannel.set(text(fields, 'channel'), call.uniqueid);
    this.callOfChannel.set(call.agentChannel, call.uniqueid);
    const recording = [...this.recordings.values()].some((entry) => entry.uniqueid === call.uniqueid);
    return { kind: 'answered', call, recording };
  }

  private closed(channel: string, at: number, hungUp: boolean): TrackerOutput | undefined {
    const recording = this.recordings.get(channel);
    if (hungUp) this.callOfChannel.delete(channel);
    if (!recording) return undefined;
    this.recordings.delete(channel);
    const call = this.calls.get(recording.uniqueid);
    if (!call) return undefined;
    if (![...this.recordings.values()].some((entry) => entry.uniqueid === call.uniqueid)) this.forget(call.uniqueid);
    return { kind: 'ended', recording: { call, file: recording.file, endedAt: at } };
  }

  private forget(uniqueid: string): void {
    this.calls.delete(uniqueid);
    for (const [channel, id] of this.callOfChannel) if (id === uniqueid) this.callOfChannel.delete(channel);
  }
}
