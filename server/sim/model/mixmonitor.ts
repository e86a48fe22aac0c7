/**
 * Call recording as Asterisk's app_mixmonitor does it (trace 16): the `MixMonitor` action names a channel and a file;
 * Asterisk answers, sets `MIXMONITOR_FILENAME` on the channel (the only place the file's name appears) and reports
 * MixMonitorStart. `StopMixMonitor` ends it with MixMonitorStop; a recording whose channel hangs up ends without an
 * event. When a recording ends its WAV is written, as Asterisk closes the file.
 */
import { channelFields, event, varSet } from '../events.ts';
import type { Sim } from './sim.ts';
import type { Channel } from './types.ts';

/** Asterisk's monitor folder: where a file name without a folder goes. */
export const MONITOR_DIR = '/var/spool/asterisk/monitor';

/** Starts recording a channel; the full path of its file. */
export function startMixMonitor(sim: Sim, ch: Channel, file: string): string {
  const full = file.startsWith('/') ? file : `${sim.recorder?.dir ?? MONITOR_DIR}/${file}`;
  sim.recordings.set(ch.name, { file: full, startedAt: sim.sched.now() });
  sim.hub.emit(varSet(ch, 'MIXMONITOR_FILENAME', full));
  sim.hub.emit(event('MixMonitorStart', 'call', channelFields(ch)));
  return full;
}

/** Ends a channel's recording (`StopMixMonitor`, or its hang-up: no event then); false when it had none. */
export function stopMixMonitor(sim: Sim, ch: Channel, stopped: boolean): boolean {
  const recording = sim.recordings.get(ch.name);
  if (!recording) return false;
  sim.recordings.delete(ch.name);
  sim.recorder?.write(recording.file, sim.sched.now() - recording.startedAt);
  if (stopped) sim.hub.emit(event('MixMonitorStop', 'call', channelFields(ch)));
  return true;
}

export function watchRecordings(sim: Sim): void {
  sim.channels.onHangup((ch) => stopMixMonitor(sim, ch, false));
}
