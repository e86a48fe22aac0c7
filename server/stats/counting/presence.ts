/**
 * An agent's logged-in and paused time, from their queue memberships (pure). Asterisk reports members per queue; an
 * agent (one interface) is logged in while a member of at least one queue, and paused while paused in every queue
 * they are a member of. The pause reason is the one given with the latest pause; a new reason while paused ends one
 * paused interval and starts another, so that paused time adds up per reason.
 */

export interface Membership {
  readonly paused: boolean;
  readonly reason: string;
}

export interface Presence {
  /** Per AMI source: the time of the last member event applied; an older one is a replay and changes nothing. */
  readonly seen: Readonly<Record<string, number>>;
  /** By membershipKey(source, queue). */
  readonly memberships: Readonly<Record<string, Membership>>;
  readonly loginSince: number | null;
  readonly pauseSince: number | null;
  readonly pauseReason: string;
}

/** A closed interval (epoch ms). */
export interface Span {
  readonly kind: 'loggedIn' | 'paused';
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

export interface PresenceStep {
  readonly presence: Presence;
  readonly spans: readonly Span[];
}

export const NO_PRESENCE: Presence = { seen: {}, memberships: {}, loginSince: null, pauseSince: null, pauseReason: '' };

const SEPARATOR = '\u0000';

function membershipKey(source: string, queue: string): string {
  return `${source}${SEPARATOR}${queue}`;
}

/** One membership changed (`null`: the member left the queue); null when the change is older than what was applied. */
export function changeMembership(
  presence: Presence,
  source: string,
  queue: string,
  membership: Membership | null,
  at: number,
): PresenceStep | null {
  if (at < (presence.seen[source] ?? Number.NEGATIVE_INFINITY)) return null;
  const key = membershipKey(source, queue);
  const previous = presence.memberships[key];
  const memberships = { ...presence.memberships };
  if (membership) memberships[key] = membership;
  else delete memberships[key];
  // Only a pause that is new (or newly explained) names the reason; a status change of a paused member does not.
  const newPause = membership?.paused && (!previous?.paused || previous.reason !== membership.reason);
  return settle(
    presence,
    memberships,
    { ...presence.seen, [source]: at },
    at,
    newPause ? membership.reason : undefined,
  );
}

/**
 * A resync lists all of a source's memberships of this agent: they replace what that source had. It is the truth of
 * its moment, so it is not held against `seen`: its time is the server's clock, an event's may be Asterisk's
 * (`timestampevents`), and a skew between the two must not make either look stale. (The store skips a resync it has
 * applied already.)
 */
export function syncSource(
  presence: Presence,
  source: string,
  listed: Readonly<Record<string, Membership>>,
  at: number,
): PresenceStep {
  const memberships: Record<string, Membership> = {};
  for (const [key, membership] of Object.entries(presence.memberships)) {
    if (!key.startsWith(source + SEPARATOR)) memberships[key] = membership;
  }
  for (const [queue, membership] of Object.entries(listed)) memberships[membershipKey(source, queue)] = membership;
  return settle(presence, memberships, presence.seen, at, undefined);
}

function settle(
  presence: Presence,
  memberships: Record<string, Membership>,
  seen: Record<string, number>,
  at: number,
  newReason: string | undefined,
): PresenceStep {
  const all = Object.values(memberships);
  const loggedIn = all.length > 0;
  const paused = loggedIn && all.every((m) => m.paused);
  const keptReason = all.some((m) => m.reason === presence.pauseReason) ? presence.pauseReason : undefined;
  const reason = paused ? (newReason ?? keptReason ?? all[0]?.reason ?? '') : '';
  const spans: Span[] = [];
  const pauseGoesOn = presence.pauseSince !== null && paused && reason === presence.pauseReason;
  if (presence.pauseSince !== null && !pauseGoesOn) {
    spans.push({ kind: 'paused', start: presence.pauseSince, end: at, reason: presence.pauseReason });
  }
  if (presence.loginSince !== null && !loggedIn)
    spans.push({ kind: 'loggedIn', start: presence.loginSince, end: at, reason: '' });
  return {
    presence: {
      seen,
      memberships,
      loginSince: loggedIn ? (presence.loginSince ?? at) : null,
      pauseSince: pauseGoesOn ? presence.pauseSince : paused ? at : null,
      pauseReason: reason,
    },
    spans: spans.filter((span) => span.end > span.start),
  };
}

export interface AgentTime {
  readonly loggedInSec: number;
  readonly pausedSec: number;
  readonly pausedSecByReason: Record<string, number>;
}

/** Logged-in and paused time within [since, until): closed spans and the intervals still open at `until`. */
export function timeWithin(spans: readonly Span[], presence: Presence, since: number, until: number): AgentTime {
  const open: Span[] = [];
  if (presence.loginSince !== null) open.push({ kind: 'loggedIn', start: presence.loginSince, end: until, reason: '' });
  if (presence.pauseSince !== null) {
    open.push({ kind: 'paused', start: presence.pauseSince, end: until, reason: presence.pauseReason });
  }
  let loggedInMs = 0;
  const pausedMs = new Map<string, number>();
  for (const span of [...spans, ...open]) {
    const overlap = Math.min(span.end, until) - Math.max(span.start, since);
    if (overlap <= 0) continue;
    if (span.kind === 'loggedIn') loggedInMs += overlap;
    else pausedMs.set(span.reason, (pausedMs.get(span.reason) ?? 0) + overlap);
  }
  const pausedSecByReason: Record<string, number> = {};
  let pausedSec = 0;
  for (const [reason, ms] of pausedMs) {
    pausedSecByReason[reason] = Math.round(ms / 1000);
    pausedSec += pausedSecByReason[reason];
  }
  return { loggedInSec: Math.round(loggedInMs / 1000), pausedSec, pausedSecByReason };
}

/** An agent's span as a member of the sorted set of all spans: JSON `[start, end, kind, agent, reason]`. */
export function encodeSpan(agent: string, span: Span): string {
  return JSON.stringify([span.start, span.end, span.kind, agent, span.reason]);
}

export function decodeSpan(text: string): { agent: string; span: Span } {
  const [start, end, kind, agent, reason] = JSON.parse(text) as [number, number, Span['kind'], string, string];
  return { agent, span: { kind, start, end, reason } };
}

/** A stored presence (JSON of Presence), or no presence. */
export function decodePresence(text: string | null): Presence {
  return text ? { ...NO_PRESENCE, ...(JSON.parse(text) as Partial<Presence>) } : NO_PRESENCE;
}
