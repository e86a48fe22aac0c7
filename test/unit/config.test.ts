import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('applies defaults and keeps the credentials', () => {
    expect(loadConfig({ AMI_USERNAME: 'wallboard', AMI_SECRET: 's3cret' })).toMatchObject({
      ami: {
        endpoints: [{ id: 'pbx', host: '127.0.0.1', port: 5038, username: 'wallboard', secret: 's3cret' }],
        qualified: false,
      },
      logLevel: 'info',
    });
  });

  it('parses the port and treats empty variables as unset', () => {
    const config = loadConfig({
      AMI_HOST: '',
      AMI_PORT: '15038',
      AMI_USERNAME: 'u',
      AMI_SECRET: 's',
      LOG_LEVEL: 'debug',
    });
    expect(config.ami.endpoints).toMatchObject([{ host: '127.0.0.1', port: 15038 }]);
    expect(config.logLevel).toBe('debug');
  });

  it('refuses to start with a message naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ AMI_PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['AMI_PORT', 'AMI_USERNAME', 'AMI_SECRET', 'LOG_LEVEL']) expect(message).toContain(name);
    expect(message).toContain('is required');
  });

  it('reads several Asterisks from AMI_ENDPOINTS, each with the shared or its own credentials', () => {
    const config = loadConfig({
      AMI_ENDPOINTS: 'east=10.0.0.1, west=pbx-west.example.com:5039,lab=[::1]:15038',
      AMI_USERNAME: 'wallboard',
      AMI_SECRET: 'shared',
      AMI_SECRET_WEST: 'west only',
    });
    expect(config.ami).toEqual({
      qualified: true,
      endpoints: [
        { id: 'east', host: '10.0.0.1', port: 5038, username: 'wallboard', secret: 'shared' },
        { id: 'west', host: 'pbx-west.example.com', port: 5039, username: 'wallboard', secret: 'west only' },
        { id: 'lab', host: '::1', port: 15038, username: 'wallboard', secret: 'shared' },
      ],
    });
  });

  it.each([
    ['east', 'is not id=host[:port]'],
    ['east=10.0.0.1:99999', 'is not id=host[:port]'],
    ['-x=10.0.0.1', 'is not id=host[:port]'],
    ['a=h1,a=h2', 'endpoint id "a" is given twice'],
    [',', 'names no endpoint'],
  ])('refuses AMI_ENDPOINTS=%s', (list, problem) => {
    expect(() => loadConfig({ AMI_ENDPOINTS: list, AMI_USERNAME: 'u', AMI_SECRET: 's' })).toThrow(problem);
  });

  it('refuses AMI_HOST together with AMI_ENDPOINTS', () => {
    expect(() => loadConfig({ AMI_ENDPOINTS: 'a=h1', AMI_HOST: 'h2', AMI_USERNAME: 'u', AMI_SECRET: 's' })).toThrow(
      'not with AMI_ENDPOINTS',
    );
  });

  const ami = { AMI_USERNAME: 'u', AMI_SECRET: 's' };

  it('takes one Redis from REDIS_URL, a cluster from REDIS_CLUSTER_NODES, a Sentinel master from REDIS_SENTINELS', () => {
    expect(loadConfig(ami).redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'tablica' });
    expect(
      loadConfig({ ...ami, REDIS_URL: 'rediss://:pw@x', REDIS_CLUSTER_NODES: '10.0.0.1:7000, [::1]:7001' }).redis,
    ).toEqual({
      url: 'rediss://:pw@x',
      prefix: 'tablica',
      cluster: [
        { host: '10.0.0.1', port: 7000 },
        { host: '::1', port: 7001 },
      ],
    });
    expect(
      loadConfig({
        ...ami,
        REDIS_SENTINELS: 's1:26379,s2:26379',
        REDIS_SENTINEL_NAME: 'board',
        REDIS_SENTINEL_PASSWORD: 'sentinel pw',
      }).redis.sentinel,
    ).toEqual({
      nodes: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      name: 'board',
      password: 'sentinel pw',
    });
  });

  it.each([
    [{ REDIS_CLUSTER_NODES: '10.0.0.1' }, 'REDIS_CLUSTER_NODES: "10.0.0.1" is not host:port'],
    [{ REDIS_CLUSTER_NODES: 'h:70000' }, 'is not host:port'],
    [{ REDIS_CLUSTER_NODES: ',' }, 'names no host:port'],
    [{ REDIS_CLUSTER_NODES: 'h:7000', REDIS_URL: 'redis://h/2' }, 'a Redis Cluster has only database 0'],
    [{ REDIS_CLUSTER_NODES: 'h:7000', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'm' }, 'not both'],
    [{ REDIS_SENTINELS: 's:26379' }, 'REDIS_SENTINELS and REDIS_SENTINEL_NAME: set both or neither'],
    [{ REDIS_SENTINEL_NAME: 'm' }, 'set both or neither'],
  ])('refuses the Redis set-up %o', (vars, problem) => {
    expect(() => loadConfig({ ...ami, ...vars })).toThrow(problem);
  });
});
