import { describe, expect, it } from 'vitest';
import { ADMIN_AREAS, kioskToken, parseRoute, routeHash, type Route } from './route.ts';

describe('routes', () => {
  it('reads back every route it writes', () => {
    const routes: Route[] = [
      { name: 'home' },
      ...ADMIN_AREAS.map((area) => ({ name: 'admin', area }) as const),
      { name: 'list' },
      { name: 'view', id: 'sales-floor' },
      { name: 'edit', id: 'sales-floor' },
      { name: 'new' },
      { name: 'chat' },
      { name: 'calls' },
      { name: 'abandoned' },
      { name: 'settings' },
      { name: 'live' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('shows the live board for no hash or one it does not know', () => {
    expect(parseRoute('')).toEqual({ name: 'live' });
    expect(parseRoute('#/layouts/a/b/c')).toEqual({ name: 'live' });
    expect(parseRoute('#/admin/nowhere')).toEqual({ name: 'live' });
  });

  it('finds a kiosk token in the query', () => {
    expect(kioskToken('?kiosk=abc123')).toBe('abc123');
    expect(kioskToken('?kiosk=')).toBeNull();
    expect(kioskToken('')).toBeNull();
  });
});
