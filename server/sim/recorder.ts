import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the simulated PBX writes its recordings, and how: the one piece of the simulator that touches files. */
export interface Recorder {
  /** The folder the simulated Asterisk names as its monitor folder. */
  readonly dir: string;
  /** Writes a recording of `ms` milliseconds under the file's name in `dir`. */
  write(file: string, ms: number): void;
}

const RATE = 8_000;

/**
 * A WAV as Asterisk's `wav` format writes it (8 kHz, 16-bit, mono PCM): a quiet 440 Hz tone for the recorded time. It
 * is written whole and renamed into place, as a closed file is complete when it appears.
 */
export function wavBytes(ms: number): Buffer {
  const samples = Math.max(1, Math.round((ms / 1000) * RATE));
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(2_000 * Math.sin((2 * Math.PI * 440 * i) / RATE)), 44 + i * 2);
  return wav;
}

export function fileRecorder(dir: string): Recorder {
  return {
    dir,
    write(file, ms) {
      const target = path.join(dir, path.posix.basename(file));
      const tmp = path.join(dir, `.${path.posix.basename(file)}.tmp`);
      writeFileSync(tmp, wavBytes(ms));
      renameSync(tmp, target);
    },
  };
}
