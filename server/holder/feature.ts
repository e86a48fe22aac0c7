import type { AmiConnection } from '../ami/types.ts';
import type { LiveState } from '../domain/state.ts';
import type { Logger } from '../log.ts';
import type { Redis } from '../redis-client.ts';
import type { HolderRequests } from './requests.ts';

/** The PBX of a board name (an agent, a queue or a phone) and the name that PBX knows it by; undefined: none. */
export type EndpointOf = (name: string) => { readonly endpoint: string; readonly name: string } | undefined;

/**
 * What every feature that asks the AMI lease holder to act is given (monitoring, agent actions, callbacks): its Redis
 * and key prefix, the live board, the requests to the holder and, on the holder, its AMI connections.
 */
export interface HolderFeatureOptions {
  readonly redis: Redis;
  readonly prefix: string;
  /** The live board (any process reads it from Redis). */
  readonly state: () => Promise<LiveState>;
  /** Requests to the AMI lease holder (one per process, shared by the features; started by the caller). */
  readonly requests: HolderRequests;
  /** Whether this process holds the AMI lease, and its AMI connection to a PBX then. */
  readonly isReading: () => boolean;
  readonly ami: (endpoint: string) => AmiConnection | undefined;
  readonly endpointOf: EndpointOf;
  readonly log: Logger;
}

/** What the lease holder's side of a feature needs of its process: whether it holds the lease, its AMI connections. */
export type HolderSide = Pick<HolderFeatureOptions, 'isReading' | 'ami' | 'log'>;
