import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { Conversions, type Timer } from '../../server/recordings/conversions.ts';
import { wavToMp3 } from '../../server/recordings/convert.ts';
import type { PendingRecording } from '../../server/recordings/store.ts';
import { startAccessApp, type AccessApp } from '../support/access-app.ts';
import {
  isMp3,
  recordingFolders,
  recordingsConfig,
  startRecordings,
  TRACE_WAVS,
  traceWav,
} from '../support/recordings.ts';
import { testLogger } from '../support/test-logger.ts';

/** Retries wait for this timer: the test fires them when it wants, instead of sleeping. */
function manualTimer(): { timer: Timer; waiting: () => number; fire: () => void } {
  const due = new Set<() => void>();
  const timer: Timer = (_ms, run) => {
    due.add(run);
    return () => due.delete(run);
  };
  return {
    timer,
    waiting: () => due.size,
    fire: () => {
      const runs = [...due];
      due.clear();
      for (const run of runs) run();
    },
  };
}

/** A WAV header lame cannot read (nine channels). */
function nineChannelWav(): Buffer {
  const wav = Buffer.from(traceWav(TRACE_WAVS[1]));
  wav.writeUInt16LE(9, 22);
  return wav;
}

let folders: Awaited<ReturnType<typeof recordingFolders>>;

beforeEach(async () => {
  folders = await recordingFolders();
  await mkdir(folders.wavDir, { recursive: true });
});
afterEach(() => folders.remove());

describe('WAV to MP3 with lame', () => {
  it('writes an MP3 through a hidden temporary file in the same folder', async () => {
    const wav = path.join(folders.wavDir, TRACE_WAVS[1]);
    await writeFile(wav, traceWav(TRACE_WAVS[1]));
    const mp3 = path.join(folders.filesDir, 'center', 'Recordings', '2026-11-28', 'call.mp3');
    const bytes = await wavToMp3(wav, mp3);
    expect(await isMp3(mp3)).toBe(true);
    expect(bytes).toBe((await readFile(mp3)).length);
    expect(await readdir(path.dirname(mp3))).toEqual(['call.mp3']);
  });

  it('refuses what is not a complete WAV (lame would take it as raw sound) and what lame cannot read', async () => {
    const mp3 = path.join(folders.filesDir, 'out.mp3');
    const garbage = path.join(folders.wavDir, 'garbage.wav');
    await writeFile(garbage, Buffer.from('not a recording at all'));
    await expect(wavToMp3(garbage, mp3)).rejects.toThrow(/not a WAV file/);
    const growing = path.join(folders.wavDir, 'growing.wav');
    await writeFile(growing, traceWav(TRACE_WAVS[1]).subarray(0, 20_000));
    await expect(wavToMp3(growing, mp3)).rejects.toThrow(/incomplete/);
    const nine = path.join(folders.wavDir, 'nine.wav');
    await writeFile(nine, nineChannelWav());
    await expect(wavToMp3(nine, mp3)).rejects.toThrow(/lame failed/);
    expect(await readdir(folders.filesDir)).toEqual([]);
  });
});

describe('conversions', () => {
  let app: AccessApp;
  beforeEach(async () => {
    app = await startAccessApp({ redisUrl: inject('redisUrl') });
  });
  afterEach(() => app.close());

  it('keep a WAV lame fails on, and convert it on a later try', async () => {
    const clock = manualTimer();
    const { recordings, store } = startRecordings(app.access, recordingsConfig(folders), { timer: clock.timer });
    const wav = path.join(folders.wavDir, 'broken.wav');
    await writeFile(wav, nineChannelWav());
    const job: PendingRecording = {
      callId: '1795846186.5',
      queue: 'support',
      agent: 'Local/1005@agents',
      name: 'call.mp3',
      wav,
      answeredAt: Date.UTC(2026, 10, 28, 6, 9, 48),
      endedAt: Date.UTC(2026, 10, 28, 6, 9, 53),
    };
    await store.addPending(job);
    recordings.conversions.add(job);
    await recordings.conversions.idle();
    expect(clock.waiting()).toBe(1);
    expect(await store.get(job.callId)).toBeNull();
    expect((await store.pending()).map((pending) => pending.callId)).toEqual([job.callId]);
    expect(await readdir(folders.wavDir)).toEqual(['broken.wav']);

    clock.fire();
    await recordings.conversions.idle();
    expect(clock.waiting()).toBe(1);

    await writeFile(wav, traceWav(TRACE_WAVS[1]));
    clock.fire();
    await recordings.conversions.idle();
    expect(clock.waiting()).toBe(0);
    const entry = await store.get(job.callId);
    expect(entry?.files.center).toBe(path.join('center', 'Recordings', '2026-11-28', 'call.mp3'));
    expect(await isMp3(path.join(folders.filesDir, entry!.files.center))).toBe(true);
    expect(await store.pending()).toEqual([]);
    recordings.close();
  });

  it('delete the WAV after success only when told to', async () => {
    const { recordings, store } = startRecordings(app.access, recordingsConfig(folders, { deleteWav: true }));
    const wav = path.join(folders.wavDir, TRACE_WAVS[0]);
    await writeFile(wav, traceWav(TRACE_WAVS[0]));
    recordings.conversions.add({
      callId: 'c1',
      queue: 'sales',
      agent: 'Local/1001@agents',
      name: 'c1.mp3',
      wav,
      answeredAt: 0,
      endedAt: 1,
    });
    await recordings.conversions.idle();
    expect(await store.get('c1')).not.toBeNull();
    expect(await readdir(folders.wavDir)).toEqual([]);
    recordings.close();
  });

  it('run at most as many at once as configured', async () => {
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const conversions = new Conversions({
      concurrency: 2,
      log: testLogger('recordings'),
      convert: async () => {
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
      },
    });
    for (let i = 0; i < 5; i++)
      conversions.add({
        callId: `c${i}`,
        queue: 'q',
        agent: 'a',
        name: `c${i}.mp3`,
        wav: 'w',
        answeredAt: 0,
        endedAt: 0,
      });
    for (let done = 0; done < 5; done++) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(conversions.active).toBeLessThanOrEqual(2);
      release.shift()?.();
    }
    await conversions.idle();
    expect(most).toBe(2);
    expect(conversions.size).toBe(0);
  });
});
