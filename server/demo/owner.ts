import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { LoginLimiter, type LoginLimits } from '../access/accounts/login-limit.ts';
import { hashPassword } from '../access/accounts/password.ts';
import { UserStore } from '../access/accounts/users.ts';
import { ConfigError } from '../config.ts';
import { accessKeys } from '../store/keys.ts';

export interface DemoLogin {
  readonly username: string;
  readonly password: string;
}

/** The demo's Owner is always this account: the demo sets its password and no one else's. */
export const DEMO_USERNAME = 'demo';

/**
 * The demo's login. There is no default password: the first demo generates one and keeps it beside the demo's data
 * (never in the repository), so that the same login works on the next run.
 */
export async function demoLogin(dataDir: string): Promise<DemoLogin> {
  const file = path.join(dataDir, 'demo-owner.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { password?: unknown };
    if (typeof saved.password === 'string') return { username: DEMO_USERNAME, password: saved.password };
  } catch {
    // No saved login yet (or an unreadable file): make a new one.
  }
  const login = { username: DEMO_USERNAME, password: randomBytes(12).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(login), { mode: 0o600 });
  return login;
}

/**
 * Makes the printed login work whatever the Redis holds: creates the demo Owner, or sets its password (a Redis kept
 * from an earlier demo or checkout has the Owner with another password), enables it and clears its failed logins.
 * A Redis whose Owner is someone else's is refused rather than touched.
 */
export async function applyDemoLogin(
  redis: { url: string; prefix: string },
  limits: LoginLimits,
  login: DemoLogin,
): Promise<void> {
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const keys = accessKeys(redis.prefix);
    const users = new UserStore(client, keys);
    const passwordHash = await hashPassword(login.password);
    const ownerId = await users.ownerId();
    const owner = ownerId === null ? null : await users.get(ownerId);
    if (!owner) {
      await users.createOwner({ username: login.username, displayName: 'Demo owner', passwordHash });
    } else if (owner.username === login.username) {
      await users.update(owner.id, { passwordHash, disabled: false });
    } else {
      throw new ConfigError(
        `invalid configuration:\n  REDIS_PREFIX: the Owner under "${redis.prefix}" is ${owner.username}, not ${login.username}; ` +
          "the demo changes no one else's password: choose another REDIS_PREFIX",
      );
    }
    await new LoginLimiter(client, keys, limits).clearUser(login.username);
  } finally {
    client.disconnect();
  }
}
