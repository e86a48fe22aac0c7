import { describe, expect, it } from 'vitest';
import { ftpsBanner } from '../../../server/demo/ftps.ts';
import { demoInstructions } from '../../../server/demo/instructions.ts';
import type { FtpsConfig } from '../../../server/config.ts';

const ftps = { port: 2121, dir: '/srv/ftps' } as FtpsConfig;
const demo = {
  url: 'http://127.0.0.1:8080',
  login: { username: 'owner', password: 'pa55-word' },
  pbxs: '127.0.0.1:5038',
  redis: 'redis://127.0.0.1:6390',
  recordings: '/srv/files/recordings',
  ftps: ftpsBanner(ftps, null),
};

describe('the demo’s printed instructions', () => {
  it('say where, who logs in and what is simulated, in English', () => {
    const text = demoInstructions(demo, 'en');
    expect(text).toContain('Tablica demo: http://127.0.0.1:8080\n  log in as owner with the password pa55-word\n');
    expect(text).toContain('simulated Asterisk (AMI) on 127.0.0.1:5038, Redis redis://127.0.0.1:6390');
    expect(text).toContain('FTPS (ProFTPD) on localhost:2121');
    expect(text).toContain('Ctrl-C stops it.');
  });

  it('say the same in Polish', () => {
    const text = demoInstructions({ ...demo, ftps: ftpsBanner(ftps, 'proftpd is not installed') }, 'pl');
    expect(text).toContain('Demo Tablicy: http://127.0.0.1:8080\n  zaloguj się jako owner hasłem pa55-word\n');
    expect(text).toContain('symulowany Asterisk (AMI) na 127.0.0.1:5038, Redis redis://127.0.0.1:6390');
    expect(text).toContain('połączenia kolejki sales są nagrywane: pliki MP3 w /srv/files/recordings');
    expect(text).toContain('FTPS: nie uruchomiono (proftpd is not installed)');
    expect(text).toContain('Ctrl-C zatrzymuje demo.');
  });
});
