import type { LinkView } from '../../server/contract/board.ts';
import { formatClock } from '../display/format.ts';
import { m } from '../../server/contract/messages/messages.js';

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
    const detail =
      staleSince === null
        ? m.board_banner_waiting_server()
        : m.board_banner_data_as_of({ time: formatClock(staleSince) });
    return [{ id: 'socket', tone: 'bad', title: m.board_banner_reconnecting(), detail }];
  }
  const banners: Banner[] = [];
  if (!link.ami.up) {
    // A board fed by several PBXs names those that are away: the others' figures are still live.
    const { down } = link.ami;
    const title =
      down.length === 0
        ? m.board_banner_no_asterisk()
        : m.board_banner_no_asterisk_named({ names: down.map((pbx) => pbx.endpoint).join(', ') });
    banners.push({ id: 'ami', tone: 'bad', title, detail: asOf(down[0]?.since ?? link.ami.since) });
  }
  if (!link.redis.up) {
    const { since } = link.redis;
    banners.push({
      id: 'redis',
      tone: 'warn',
      title: m.board_banner_stats_not_saved(),
      detail:
        since === null
          ? m.board_banner_redis_unreachable()
          : m.board_banner_redis_unreachable_since({ time: formatClock(Date.parse(since)) }),
    });
  }
  return banners;
}

function asOf(since: string | null): string {
  return since === null
    ? m.board_banner_reconnecting()
    : m.board_banner_data_as_of({ time: formatClock(Date.parse(since)) });
}
