import { describe, expect, it } from 'vitest';
import { dayOf, recordingBaseName, recordingPaths, safePart, sipUsername } from '../../server/recordings/names.ts';

describe('recording names', () => {
  it('follow YYYY_mm_dd_HH_mm_ss-SIP_USERNAME-CALLER_ID-CALLED_NO-UNIQUEID in UTC', () => {
    const name = recordingBaseName({
      answeredAt: Date.UTC(2026, 10, 28, 6, 9, 48),
      agent: 'Local/1005@agents',
      callerIdNum: '5516002',
      dialled: 'support',
      uniqueid: '1795846186.5',
    });
    expect(name).toBe('2026_11_28_06_09_48-1005-5516002-support-1795846186.5');
    expect(dayOf(Date.UTC(2026, 10, 28, 23, 59, 59))).toBe('2026-11-28');
  });

  it('take the SIP user name from any member interface', () => {
    expect(sipUsername('PJSIP/1001')).toBe('1001');
    expect(sipUsername('Local/1001@agents')).toBe('1001');
    expect(sipUsername('SIP/alice')).toBe('alice');
  });

  it('replace every character unsafe in a path, and never let a part separate or climb', () => {
    expect(safePart('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safePart('..')).toBe('unknown');
    expect(safePart('')).toBe('unknown');
    expect(safePart('a\\b:c*d?e"f<g>h|i\u0000j\nk')).toBe('a_b_c_d_e_f_g_h_i_j_k');
    expect(safePart('+48 (22) 555-01-02')).toBe('+48__22__555_01_02');
    expect(safePart('x'.repeat(100))).toHaveLength(64);
    const name = recordingBaseName({
      answeredAt: 0,
      agent: 'PJSIP/a/b',
      callerIdNum: '<unknown>',
      dialled: 'sa-les',
      uniqueid: '1.2/3',
    });
    expect(name).toBe('1970_01_01_00_00_00-a_b-_unknown_-sa_les-1.2_3');
    expect(name.split('-')).toHaveLength(5);
  });

  it('lie in the center’s day folder and in each unit’s, never under a unit id that is not one', () => {
    expect(recordingPaths('2026-11-28', 'x.mp3', ['u1-_A', '../evil', ''])).toEqual({
      center: 'center/Recordings/2026-11-28/x.mp3',
      units: ['units/u1-_A/Recordings/2026-11-28/x.mp3'],
    });
  });
});
