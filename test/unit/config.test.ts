import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('applies defaults and keeps the credentials', () => {
    expect(loadConfig({ AMI_USERNAME: 'wallboard', AMI_SECRET: 's3cret' })).toMatchObject({
      ami: { host: '127.0.0.1', port: 5038, username: 'wallboard', secret: 's3cret' },
      logLevel: 'info',
    });
  });

  it('parses the port and treats empty variables as unset', () => {
    const config = loadConfig({ AMI_HOST: '', AMI_PORT: '15038', AMI_USERNAME: 'u', AMI_SECRET: 's', LOG_LEVEL: 'debug' });
    expect(config.ami).toMatchObject({ host: '127.0.0.1', port: 15038 });
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
});
