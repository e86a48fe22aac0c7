/**
 * Where the app is, kept in the URL's hash so that a reload or a bookmark lands on the same screen: no hash the live
 * board, `#/home` the administration home, `#/layouts` the list, `#/layouts/<id>` a layout on screen,
 * `#/layouts/<id>/edit`, `#/new`, `#/admin/<area>` an administration screen, `#/chat` the chat, `#/calls` the calls
 * of the last day with their recordings, `#/settings` the user's own settings.
 */
export const ADMIN_AREAS = [
  'retention',
  'users',
  'units',
  'teams',
  'monitoring',
  'recordings',
  'kiosks',
  'backup',
  'exports',
  'ftp',
  'pause-reasons',
  'action-log',
  'alerts',
] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'admin'; area: AdminArea }
  | { name: 'list' }
  | { name: 'view'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'new' }
  | { name: 'chat' }
  | { name: 'calls' }
  | { name: 'abandoned' }
  | { name: 'settings' }
  | { name: 'live' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, id, action] = parts;
  if (first === 'layouts' && id && action === 'edit' && parts.length === 3) return { name: 'edit', id };
  if (first === 'layouts' && id && parts.length === 2) return { name: 'view', id };
  if (first === 'layouts' && parts.length === 1) return { name: 'list' };
  if (first === 'new' && parts.length === 1) return { name: 'new' };
  if (first === 'home' && parts.length === 1) return { name: 'home' };
  if (first === 'chat' && parts.length === 1) return { name: 'chat' };
  if (first === 'calls' && parts.length === 1) return { name: 'calls' };
  if (first === 'abandoned' && parts.length === 1) return { name: 'abandoned' };
  if (first === 'settings' && parts.length === 1) return { name: 'settings' };
  if (first === 'admin' && parts.length === 2 && isAdminArea(id)) return { name: 'admin', area: id };
  return { name: 'live' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/home';
    case 'admin':
      return `#/admin/${route.area}`;
    case 'list':
      return '#/layouts';
    case 'view':
      return `#/layouts/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#/layouts/${encodeURIComponent(route.id)}/edit`;
    case 'new':
      return '#/new';
    case 'chat':
      return '#/chat';
    case 'calls':
      return '#/calls';
    case 'abandoned':
      return '#/abandoned';
    case 'settings':
      return '#/settings';
    case 'live':
      return '#/';
  }
}

function isAdminArea(value: string | undefined): value is AdminArea {
  return (ADMIN_AREAS as readonly (string | undefined)[]).includes(value);
}

/** The kiosk token of a wall TV's URL (`/?kiosk=<token>`), if any. */
export function kioskToken(search: string): string | null {
  const token = new URLSearchParams(search).get('kiosk');
  return token && token.trim() !== '' ? token.trim() : null;
}
