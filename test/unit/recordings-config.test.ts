import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/env.ts';
import { loadRecordingsConfig } from '../../server/recordings/config.ts';

describe('recording configuration', () => {
  it('is off without RECORDINGS_DIR, and resolves RECORDINGS_DIR from the working directory', () => {
    expect(loadRecordingsConfig({}, '/srv/tablica/data/files', '/srv/tablica')).toEqual({
      wavDir: null,
      pbxDir: null,
      deleteWav: false,
      concurrency: 2,
      lamePath: 'lame',
      filesDir: '/srv/tablica/data/files',
    });
    expect(
      loadRecordingsConfig(
        { RECORDINGS_DIR: 'wav', RECORDINGS_DELETE_WAV: 'true', RECORDINGS_CONVERSIONS: '4' },
        '/srv/files',
        '/srv',
      ),
    ).toMatchObject({
      wavDir: '/srv/wav',
      deleteWav: true,
      concurrency: 4,
    });
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => loadRecordingsConfig({ RECORDINGS_CONVERSIONS: '0' }, '/srv/files')).toThrow(
      new ConfigError('invalid configuration:\n  RECORDINGS_CONVERSIONS: must be 1-16'),
    );
    expect(() => loadRecordingsConfig({ RECORDINGS_PBX_DIR: 'relative' }, '/srv/files')).toThrow(
      /RECORDINGS_PBX_DIR: must be an absolute path/,
    );
    expect(() => loadRecordingsConfig({ RECORDINGS_DELETE_WAV: 'yes' }, '/srv/files')).toThrow(
      /RECORDINGS_DELETE_WAV: must be true or false/,
    );
  });
});
