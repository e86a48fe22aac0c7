import type { Layout, LayoutContent, LayoutRow, LayoutScope, LayoutSort } from '../../server/contract/layout.ts';
import { m } from '../../server/contract/messages/messages.js';
import { request, type ApiAnswer } from './request.ts';

/** The layouts' REST API (server/layouts/router.ts) as the screens use it. */

export function listLayouts(sort: LayoutSort, dir: 'asc' | 'desc'): Promise<ApiAnswer<LayoutRow[]>> {
  return request('GET', `/api/layouts?sort=${sort}&dir=${dir}`);
}

export function getLayout(id: string): Promise<ApiAnswer<Layout>> {
  return request('GET', `/api/layouts/${encodeURIComponent(id)}`);
}

/** A new layout, shared as `scope` says (one of the session's `layoutScopes`; the server checks it again). */
export function createLayout(content: LayoutContent, scope: LayoutScope): Promise<ApiAnswer<Layout>> {
  return request('POST', '/api/layouts', { ...content, scope });
}

/**
 * Saves the edited content over the layout as the editor loaded it (its revision included); a 409 means someone saved
 * first, and says who.
 */
export function saveLayout(loaded: Layout, content: LayoutContent, scope: LayoutScope): Promise<ApiAnswer<Layout>> {
  return request('PUT', `/api/layouts/${encodeURIComponent(loaded.id)}`, { ...loaded, ...content, scope });
}

export function deleteLayout(id: string): Promise<ApiAnswer<null>> {
  return request('DELETE', `/api/layouts/${encodeURIComponent(id)}`);
}

/** The layout file as the server writes it, for a download link. */
export function exportUrl(id: string): string {
  return `/api/layouts/${encodeURIComponent(id)}/export`;
}

/** Imports a layout file; a broken file comes back as the server's message naming where it is broken. */
export async function importLayout(text: string): Promise<ApiAnswer<Layout>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { status: 0, result: { ok: false, error: m.editor_list_not_json({ reason: (error as Error).message }) } };
  }
  return request('POST', '/api/layouts/import', json);
}
