/** Polls `probe` until it returns something other than undefined/false; rejects with `what` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | false | PromiseLike<T | undefined | false>,
  what: string,
  { timeoutMs = 5_000, intervalMs = 2 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // An async probe is awaited: a pending promise is not yet an answer.
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves after `ms`; only for tests that must prove that something does NOT happen within a time. */
export function quietPeriod(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
