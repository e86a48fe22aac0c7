/** Like waitFor, for a probe that has to ask over the network (an HTTP endpoint, Redis); null also means not yet. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  { timeoutMs = 5_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** GET a JSON endpoint (with a session's `Cookie` when given): its status and body. */
export async function getJson<T = Record<string, unknown>>(
  url: string,
  cookie?: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, cookie ? { headers: { Cookie: cookie } } : {});
  return { status: response.status, body: (await response.json()) as T };
}
