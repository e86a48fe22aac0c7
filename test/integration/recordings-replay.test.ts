import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { startAccessApp, type AccessApp } from '../support/access-app.ts';
import {
  isMp3,
  recordingAmi,
  recordingFolders,
  recordingsConfig,
  startRecordings,
  TRACE_WAVS,
  traceWav,
} from '../support/recordings.ts';
import { replayScenario } from '../support/replay.ts';

/**
 * Trace 16 played over TCP to the real AMI connection, every input given to the recordings part as the lease holder
 * gives it (LiveSource's tap). Asterisk recorded both calls itself; their WAVs lie in RECORDINGS_DIR under the names
 * Asterisk gave them, which appear only in `VarSet MIXMONITOR_FILENAME`.
 */

let app: AccessApp;
let folders: Awaited<ReturnType<typeof recordingFolders>>;

beforeEach(async () => {
  app = await startAccessApp({ redisUrl: inject('redisUrl') });
  folders = await recordingFolders();
  await mkdir(folders.wavDir, { recursive: true });
  for (const name of TRACE_WAVS) await writeFile(path.join(folders.wavDir, name), traceWav(name));
});

afterEach(async () => {
  await app.close();
  await folders.remove();
});

describe('trace 16 (MixMonitor) replayed', () => {
  it('finds each WAV by the name in VarSet MIXMONITOR_FILENAME and files its MP3 with the call', async () => {
    const { recordings, store } = startRecordings(app.access, recordingsConfig(folders));
    await replayScenario('16-mixmonitor', { onInput: (input) => recordings.observe('pbx', input) });
    await recordings.settled();
    const found = await store.of(['1795846176.1', '1795846186.5']);
    expect([...found.values()].map((entry) => ({ queue: entry.queue, agent: entry.agent }))).toEqual([
      { queue: 'sales', agent: 'Local/1001@agents' },
      { queue: 'support', agent: 'Local/1005@agents' },
    ]);
    for (const entry of found.values()) {
      expect(entry.name).toMatch(
        new RegExp(
          `^\\d{4}_\\d\\d_\\d\\d_\\d\\d_\\d\\d_\\d\\d-${entry.agent.slice(6, 10)}-551600\\d-${entry.queue}-${entry.callId.replace('.', '\\.')}\\.mp3$`,
        ),
      );
      expect(entry.files.center).toBe(
        path.join('center', 'Recordings', entry.name.slice(0, 10).replaceAll('_', '-'), entry.name),
      );
      expect(await isMp3(path.join(folders.filesDir, entry.files.center))).toBe(true);
    }
    expect(await store.pending()).toEqual([]);
    // The WAVs stay unless RECORDINGS_DELETE_WAV says otherwise.
    expect((await readdir(folders.wavDir)).sort()).toEqual([...TRACE_WAVS]);
    recordings.close();
  });

  it('starts MixMonitor on the agent’s channel of a recorded queue’s call, not where Asterisk records already', async () => {
    const { sent, ami } = recordingAmi();
    const { recordings, store } = startRecordings(app.access, recordingsConfig(folders), { ami });
    await store.setSettings({ queues: ['sales', 'support'], users: [] });
    await replayScenario('16-mixmonitor', { onInput: (input) => recordings.observe('pbx', input) });
    await recordings.settled();
    // Call 1 is recorded by app_queue (its VarSet came before AgentConnect); call 2 gets our MixMonitor.
    expect(sent.map(({ action, fields }) => [action, fields.Channel])).toEqual([
      ['MixMonitor', 'Local/1005@agents-00000003;1'],
    ]);
    expect(sent[0]?.fields.File).toMatch(/^\d{4}(_\d\d){5}-1005-5516002-support-1795846186\.5\.wav$/);
    recordings.close();
  });
});
