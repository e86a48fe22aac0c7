/** The callback commands of a test socket server that has no callbacks: each one refused. */
export function refuseCallbacks(): Record<'callers:watch' | 'callback:start', () => Promise<never>> {
  const refuse = () => Promise.reject(new Error('no callbacks in this test'));
  return { 'callers:watch': refuse, 'callback:start': refuse };
}
