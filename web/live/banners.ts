import type { LinkView } from '../../server/contract/board.ts';
import { formatClock } from '../display/format.ts';

/** A strip across the top of the board saying why what it shows may be old or not kept. */
export interface Banner {
  id: 'socket' | 'ami' | 'redis';
  /** `bad`: the figures on screen are frozen; `warn`: they are live but something behind them is degraded. */
  tone: 'bad' | 'warn';
  title: string;
  detail: string;
}

export interface BannerInput {
  connected: boolean;
  /** Server ms from which the board may be out of date, or null. */
  staleSince: number | null;
  link: LinkView;
}

/**
 * The banners to show, worst first. While this browser is cut off from the server, what the server last said about its
 * own links is old news, so only the reconnecting banner shows.
 */
export function connectionBanners({ connected, staleSince, link }: BannerInput): Banner[] {
  if (!connected || staleSince !== null) {
    const detail = staleSince === null ? 'waiting for the server' : `data as of ${formatClock(staleSince)}`;
    return [{ id: 'socket', tone: 'bad', title: 'Reconnecting…', detail }];
  }
  const banners: Banner[] = [];
  if (!link.ami.up) {
    // A board fed by several PBXs names those that are away: the others' figures are still live.
    const { down } = link.ami;
    const title =
      down.length === 0 ? 'No link to Asterisk' : `No link to Asterisk ${down.map((pbx) => pbx.endpoint).join(', ')}`;
    banners.push({ id: 'ami', tone: 'bad', title, detail: asOf(down[0]?.since ?? link.ami.since) });
  }
  if (!link.redis.up) {
    const since = link.redis.since === null ? '' : ` since ${formatClock(Date.parse(link.redis.since))}`;
    banners.push({
      id: 'redis',
      tone: 'warn',
      title: 'Statistics not being saved',
      detail: `Redis unreachable${since}`,
    });
  }
  return banners;
}

function asOf(since: string | null): string {
  return since === null ? 'reconnecting' : `data as of ${formatClock(Date.parse(since))}`;
}
