import type { KioskView } from '../../server/contract/accounts.ts';
import { request } from '../api/request.ts';

/**
 * The layout a wall TV shows. A kiosk URL may name it (`&layout=<id>`); otherwise the kiosk asks the server which
 * layout its token is for, with the token as a bearer credential (read-only, as every kiosk request).
 */
export async function kioskLayoutId(
  search: string,
  token: string,
): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const named = new URLSearchParams(search).get('layout');
  if (named) return { ok: true, id: named };
  const answer = await request<KioskView>('GET', '/api/kiosk/self', undefined, { Authorization: `Bearer ${token}` });
  return answer.result.ok ? { ok: true, id: answer.result.data.layoutId } : { ok: false, error: answer.result.error };
}
