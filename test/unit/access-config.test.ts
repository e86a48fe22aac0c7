import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

const credentials = { AMI_USERNAME: 'wallboard', AMI_SECRET: 's3cret' };

describe('loadConfig: accounts and sessions', () => {
  it('has no owner and no default password unless both variables are given', () => {
    expect(loadConfig(credentials).auth).toEqual({
      owner: null,
      session: { idleMs: 720 * 60_000, maxAgeMs: 30 * 86_400_000 },
      cookieSecure: false,
      login: { perUser: 5, perIp: 50, windowMs: 15 * 60_000 },
      trustProxy: 0,
    });
    const auth = loadConfig({
      ...credentials,
      OWNER_USERNAME: 'Boss',
      OWNER_PASSWORD: 'a long password',
      COOKIE_SECURE: 'true',
    }).auth;
    expect(auth.owner).toEqual({ username: 'boss', password: 'a long password' });
    expect(auth.cookieSecure).toBe(true);
  });

  it('refuses half an owner, a short owner password and a vague flag', () => {
    expect(() => loadConfig({ ...credentials, OWNER_USERNAME: 'boss' })).toThrow('OWNER_USERNAME and OWNER_PASSWORD');
    for (const bad of [
      { OWNER_USERNAME: 'boss', OWNER_PASSWORD: 'short' },
      { COOKIE_SECURE: 'yes' },
      { SESSION_MAX_DAYS: '0' },
    ]) {
      expect(() => loadConfig({ ...credentials, ...bad })).toThrow(ConfigError);
    }
    // In words, as the schemas shared with the API state them, never quoting the value (it may be a secret).
    expect(() => loadConfig({ ...credentials, OWNER_USERNAME: 'boss', OWNER_PASSWORD: 'short' })).toThrow(
      'OWNER_PASSWORD: must be at least 12 characters',
    );
    expect(() => loadConfig({ ...credentials, OWNER_USERNAME: '!', OWNER_PASSWORD: 'a long password' })).toThrow(
      'OWNER_USERNAME: must be 2-64 of a-z, 0-9, ., _, @ and -, starting with a letter or digit',
    );
  });
});
