import { describe, expect, it } from 'vitest';
import type { LinkView } from '../../server/contract/board.ts';
import { connectionBanners } from './banners.ts';
import { formatClock } from '../display/format.ts';

const up: LinkView = { ami: { up: true, since: null, down: [] }, redis: { up: true, since: null } };
const lostAt = Date.parse('2025-03-03T10:42:13.000Z');

describe('connectionBanners', () => {
  it('shows nothing while everything is up', () => {
    expect(connectionBanners({ connected: true, staleSince: null, link: up })).toEqual([]);
  });

  it('says since when the data is old while the socket is down, and nothing else', () => {
    const link: LinkView = { ami: { up: false, since: null, down: [] }, redis: { up: false, since: null } };
    const banners = connectionBanners({ connected: false, staleSince: lostAt, link });
    expect(banners).toEqual([
      { id: 'socket', tone: 'bad', title: 'Reconnecting…', detail: `data as of ${formatClock(lostAt)}` },
    ]);
  });

  it('keeps saying so after the socket is back until a snapshot arrives', () => {
    const banners = connectionBanners({ connected: true, staleSince: lostAt, link: up });
    expect(banners.map((banner) => banner.id)).toEqual(['socket']);
  });

  it('reports the server losing Asterisk (frozen figures) and Redis (figures not kept)', () => {
    const since = '2025-03-03T10:40:00.000Z';
    const link: LinkView = { ami: { up: false, since, down: [] }, redis: { up: false, since } };
    const banners = connectionBanners({ connected: true, staleSince: null, link });
    const clock = formatClock(Date.parse(since));
    expect(banners).toEqual([
      { id: 'ami', tone: 'bad', title: 'No link to Asterisk', detail: `data as of ${clock}` },
      { id: 'redis', tone: 'warn', title: 'Statistics not being saved', detail: `Redis unreachable since ${clock}` },
    ]);
  });

  it('names the PBXs that are away on a board fed by several', () => {
    const since = '2025-03-03T10:41:00.000Z';
    const link: LinkView = {
      ami: { up: false, since, down: [{ endpoint: 'west', since }] },
      redis: { up: true, since: null },
    };
    expect(connectionBanners({ connected: true, staleSince: null, link })).toEqual([
      {
        id: 'ami',
        tone: 'bad',
        title: 'No link to Asterisk west',
        detail: `data as of ${formatClock(Date.parse(since))}`,
      },
    ]);
  });
});
