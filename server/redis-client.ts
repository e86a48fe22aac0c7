import type { Cluster, Redis as Single } from 'ioredis';

/**
 * A connection to the board's Redis, whichever its set-up (server/store/redis.ts): one server or one behind Sentinel
 * (ioredis' Redis), or a Redis Cluster. Both speak the same commands; on a cluster every multi-key command, MULTI,
 * pipeline and script names keys of one hash slot, which the `{…}` tags of server/store/keys.ts guarantee.
 */
export type Redis = Single | Cluster;
