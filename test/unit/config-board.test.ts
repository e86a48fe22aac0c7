import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

const credentials = { AMI_USERNAME: 'wallboard', AMI_SECRET: 's3cret' };

describe('loadConfig: the board, Redis and the AMI lease', () => {
  it('has defaults for a single board on a local Redis', () => {
    const config = loadConfig(credentials);
    expect(config.http).toEqual({
      host: '0.0.0.0',
      port: 8080,
      publicOrigin: null,
      allowedOrigins: [],
      kioskFrameAncestors: [],
    });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'tablica' });
    expect(config.source).toMatchObject({ id: 'pbx', leaseTtlMs: 1_500 });
    expect(config.source.instanceId).toContain(String(process.pid));
  });

  it('reads origins as a list of origins and keeps the given names', () => {
    const config = loadConfig({
      ...credentials,
      PORT: '0',
      ALLOWED_ORIGINS: 'https://tv.example.com/, http://10.0.0.5:8080',
      REDIS_URL: 'rediss://redis.example.com:6380/2',
      AMI_SOURCE: 'pbx-2',
      INSTANCE_ID: 'board-a',
    });
    expect(config.http.port).toBe(0);
    expect(config.http.allowedOrigins).toEqual(['https://tv.example.com', 'http://10.0.0.5:8080']);
    expect(config.redis.url).toBe('rediss://redis.example.com:6380/2');
    expect(config.source).toMatchObject({ id: 'pbx-2', instanceId: 'board-a' });
  });

  it('reads PUBLIC_URL as an origin and refuses anything but an http(s) URL', () => {
    expect(loadConfig({ ...credentials, PUBLIC_URL: 'https://board.example.com/wall/' }).http.publicOrigin).toBe(
      'https://board.example.com',
    );
    expect(() => loadConfig({ ...credentials, PUBLIC_URL: 'board.example.com' })).toThrow(/PUBLIC_URL/);
  });

  it('names every bad variable', () => {
    const bad = {
      PORT: 'x',
      REDIS_URL: 'http://redis',
      ALLOWED_ORIGINS: 'nope',
      AMI_SOURCE: 'Bad Name',
      AMI_LEASE_TTL_MS: '10',
    };
    expect(() => loadConfig({ ...credentials, ...bad })).toThrow(ConfigError);
    try {
      loadConfig({ ...credentials, ...bad });
    } catch (error) {
      for (const name of Object.keys(bad)) expect((error as Error).message).toContain(name);
    }
  });
});
