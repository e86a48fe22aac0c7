import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The demo's Owner account. There is no default password: the first demo generates one, keeps it beside the demo's
 * Redis data (never in the repository) and prints it, so that the same login works on the next run.
 */
export async function demoOwner(dataDir: string): Promise<{ username: string; password: string }> {
  const file = path.join(dataDir, 'demo-owner.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { username?: unknown; password?: unknown };
    if (typeof saved.username === 'string' && typeof saved.password === 'string') {
      return { username: saved.username, password: saved.password };
    }
  } catch {
    // No saved owner yet (or an unreadable file): make a new one.
  }
  const owner = { username: 'demo', password: randomBytes(12).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(owner), { mode: 0o600 });
  return owner;
}
