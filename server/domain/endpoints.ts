import type { AmiFields, DomainInput } from './input.ts';
import { Calls } from './calls.ts';
import type { Change, LiveState, Queue } from './state.ts';

/**
 * Several Asterisks on one board. Each is reduced on its own (a resync or a lost link concerns one PBX only), and the
 * board shows the union of their states. Two PBXs may well both have a queue `sales` and a phone `PJSIP/1001`, so every
 * name a PBX sends is qualified with its endpoint id before the reducer sees it (`east/sales`, `east/PJSIP/1001`):
 * the reducer, the statistics and the presenters then work on names that cannot collide, without knowing there is
 * more than one PBX.
 */

/** The AMI fields whose values name a queue, a member, a channel or a call: everything the reducer keys state by. */
const NAME_FIELDS = [
  'queue',
  'interface',
  'location',
  'stateinterface',
  'channel',
  'uniqueid',
  'linkedid',
  'bridgeid',
  // CoreShowChannel of a caller in `Queue`: its data starts with the queue name.
  'applicationdata',
] as const;

export function qualifiedName(endpoint: string, name: string): string {
  return `${endpoint}/${name}`;
}

/**
 * The PBX of a name as the board shows it, and the name that PBX knows: with one PBX (`qualified` false) the only one
 * and the name as is; with several, the name's `<endpoint>/` prefix, undefined when it names no PBX of `endpoints`.
 */
export function endpointOfName(
  name: string,
  endpoints: readonly string[],
  qualified: boolean,
): { readonly endpoint: string; readonly name: string } | undefined {
  if (!qualified) return endpoints[0] === undefined ? undefined : { endpoint: endpoints[0], name };
  const slash = name.indexOf('/');
  const endpoint = name.slice(0, slash);
  return slash > 0 && endpoints.includes(endpoint) ? { endpoint, name: name.slice(slash + 1) } : undefined;
}

function qualifyFields(endpoint: string, fields: AmiFields): AmiFields {
  const qualified: Record<string, AmiFields[string]> = { ...fields };
  for (const key of NAME_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string' && value !== '') qualified[key] = qualifiedName(endpoint, value);
    else if (Array.isArray(value))
      qualified[key] = value.map((item: string) => (item === '' ? item : qualifiedName(endpoint, item)));
  }
  return qualified;
}

/** The input as if the PBX had named everything `<endpoint>/<name>`. */
export function qualifyInput(endpoint: string, input: DomainInput): DomainInput {
  switch (input.type) {
    case 'event':
      return { ...input, fields: qualifyFields(endpoint, input.fields) };
    case 'resync': {
      const { queueStatus, queueSummary, channels } = input.lists;
      const each = (items: readonly AmiFields[]) => items.map((fields) => qualifyFields(endpoint, fields));
      return {
        ...input,
        lists: { queueStatus: each(queueStatus), queueSummary: each(queueSummary), channels: each(channels) },
      };
    }
    case 'link':
      return input;
  }
}

/**
 * One endpoint's part of a board's state (a stored board after a restart): its own queues and calls, as the reducer
 * continues from. The link is down (ours is not up yet); input counts start again, the board keeps the stored ones.
 */
export function endpointPart(state: LiveState, endpoint: string): LiveState {
  const prefix = qualifiedName(endpoint, '');
  const queues: Record<string, Queue> = {};
  for (const [name, queue] of Object.entries(state.queues)) if (name.startsWith(prefix)) queues[name] = queue;
  return {
    queues,
    calls: Calls.of(state.calls.withPositions().filter(({ call }) => call.queue.startsWith(prefix))),
    link: { up: false, since: state.link.endpoints?.[endpoint]?.since ?? state.link.since },
    asterisk: state.asterisk,
    stats: { events: 0, ignored: 0, unknown: 0, malformed: 0 },
  };
}

/**
 * The board's state from its endpoints' states (whose names are disjoint). The link is up only while every PBX is
 * connected, and lists each one; `base` carries input counts of a stored board over to the ones counted since.
 */
export function mergeEndpoints(parts: ReadonlyMap<string, LiveState>, base: LiveState['stats']): LiveState {
  const queues: Record<string, Queue> = {};
  const calls: ReturnType<Calls['withPositions']> = [];
  for (const part of parts.values()) {
    Object.assign(queues, part.queues);
    calls.push(...part.calls.withPositions());
  }
  return { queues, calls: Calls.of(calls), ...mergeLinks(parts, base) };
}

/** The board's link, Asterisk facts and input counts from its endpoints'. */
function mergeLinks(
  parts: ReadonlyMap<string, LiveState>,
  base: LiveState['stats'],
): Pick<LiveState, 'link' | 'asterisk' | 'stats'> {
  const endpoints: Record<string, { up: boolean; since: number }> = {};
  const stats = { ...base };
  let sharedLastCall = false;
  let up = true;
  let since = 0;
  for (const [endpoint, part] of parts) {
    endpoints[endpoint] = { up: part.link.up, since: part.link.since };
    up &&= part.link.up;
    since = Math.max(since, part.link.since);
    sharedLastCall ||= part.asterisk.sharedLastCall;
    stats.events += part.stats.events;
    stats.ignored += part.stats.ignored;
    stats.unknown += part.stats.unknown;
    stats.malformed += part.stats.malformed;
  }
  return { link: { up, since, endpoints }, asterisk: { sharedLastCall }, stats };
}

/**
 * The board after one endpoint's reduce, at the cost of the change rather than of the board: `board` with the queues,
 * members and calls that `changes` name taken from that endpoint's new `part` (names are disjoint across endpoints,
 * so nothing else moves), and the link and input counts summed again. A change of everything merges every part.
 */
export function mergeChanged(
  board: LiveState,
  part: LiveState,
  changes: readonly Change[],
  parts: ReadonlyMap<string, LiveState>,
  base: LiveState['stats'],
): LiveState {
  if (changes.some((change) => change.entity === 'all')) return mergeEndpoints(parts, base);
  let queues: Record<string, Queue> | undefined;
  let calls = board.calls;
  const lines = new Set<string>();
  for (const change of changes) {
    if (change.entity === 'queue' || change.entity === 'member') {
      queues ??= { ...board.queues };
      const queue = part.queues[change.queue];
      if (queue) queues[change.queue] = queue;
      else delete queues[change.queue];
    } else if (change.entity === 'call') {
      const before = calls.get(change.id);
      const after = part.calls.get(change.id);
      if (before?.state === 'waiting') lines.add(before.queue);
      if (after?.state === 'waiting') lines.add(after.queue);
      calls = after ? calls.put(after) : calls.remove(change.id);
    }
  }
  // A caller put back in a line goes last there: each line touched is taken over whole, positions and all.
  for (const queue of lines) calls = calls.withLineOf(queue, part.calls);
  return { queues: queues ?? board.queues, calls, ...mergeLinks(parts, base) };
}
