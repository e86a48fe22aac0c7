/**
 * Every Redis key the server uses, under one prefix (REDIS_PREFIX) so that several boards can share a Redis. Per AMI
 * source (one Asterisk) the live state and the lease live under `<prefix>:{<source>}:…`; the braces are a Redis
 * Cluster hash tag, so that one source's keys share a slot and can be written in one MULTI. Several Asterisks feeding
 * one board get one source id each (AMI_SOURCE).
 */
export function redisKeys(prefix: string) {
  return {
    /** Hash: queue name → JSON of the queue without its members (settings, counters, Asterisk's reported figures). */
    queues: (source: string) => `${prefix}:{${source}}:queues`,
    /** Hash: memberKey(queue, interface) → JSON of the membership. */
    members: (source: string) => `${prefix}:{${source}}:members`,
    /** Hash: caller Uniqueid → JSON of the queue call. */
    calls: (source: string) => `${prefix}:{${source}}:calls`,
    /** Hash: format version, link, what we learned of the PBX, input stats and the seq of the last delta written. */
    meta: (source: string) => `${prefix}:{${source}}:meta`,
    /** String: the instance id of the process reading this source's AMI, with a TTL its holder keeps renewing. */
    lease: (source: string) => `${prefix}:{${source}}:lease`,
    /** Channel prefix of the Socket.IO Redis adapter: one per board, whatever its sources. */
    socketIo: `${prefix}:socket.io`,
  } as const;
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/**
 * Statistics, call records and retention (server/stats). They are board-wide, not per source: a queue's figures add up
 * whichever Asterisk reported its calls. All share the hash tag `{stats}`, so one MULTI can write any of them.
 */
export function statsKeys(prefix: string) {
  const root = `${prefix}:{stats}`;
  return {
    /** Hash per UTC day (YYYY-MM-DD) of all queues: `<bucket>:<queue>` (`d`, `h<n>`, `m<n>`, `s<n>`) → counters. */
    queueDay: (day: string) => `${root}:queue-buckets:${day}`,
    /** Hash per UTC day of all agents: `<bucket>:<interface>` → packed counters. */
    agentDay: (day: string) => `${root}:agent-buckets:${day}`,
    /** Sorted set: every queueDay / agentDay key → its day (epoch s), so that retention finds old days without SCAN. */
    bucketDays: `${root}:bucket-days`,
    /** String: bumped whenever buckets of the settled past change (late facts, a purge); see stats/counting/settled.ts. */
    bucketsRevision: `${root}:buckets-revision`,
    /** Set: the queue names ever counted. */
    queues: `${root}:queues`,
    /** Hash: agent interface → member name. */
    agents: `${root}:agents`,
    /** String with a TTL: the steps of one queue call already counted (see stats/counting/dedupe.ts). */
    counted: (source: string, queue: string, id: string) => `${root}:counted:${source}:${queue}:${id}`,
    /** String: the time (epoch ms) of the last resync of a source whose memberships were applied. */
    resynced: (source: string) => `${root}:resynced:${source}`,
    /** String: JSON of an agent's presence (memberships and the intervals still open). */
    presence: (agent: string) => `${root}:presence:${agent}`,
    /** Sorted set of all agents' closed logged-in / paused intervals, scored by their end (epoch ms). */
    spans: `${root}:spans`,
    /** Sorted set of all agents' ringing, on-call and wrap-up spans (stats/counting/activity.ts), scored by their end (epoch ms). */
    activity: `${root}:activity`,
    /** Hash per UTC day of the call's end: call identity → JSON of its QueueCallRecord. */
    records: (day: string) => `${root}:records:${day}`,
    /** Sorted set: every records key → its day (epoch s). */
    recordDays: `${root}:record-days`,
    /**
     * Hash per UTC day of the end, kept 3 days: caller and queue (stats/counting/abandoned.ts) → JSON of the caller's
     * last call of that queue that ended unanswered.
     */
    abandoned: (day: string) => `${root}:abandoned:${day}`,
    /** Sorted set per UTC day, kept 3 days: caller numbers scored by the last time one of their calls was answered. */
    answeredNumbers: (day: string) => `${root}:answered-numbers:${day}`,
    /** Hash: retention category → days to keep ('forever' when absent). */
    retention: `${root}:retention`,
    /** Pub/sub channel: a batch of facts was written, so the windows watched live are read again (stats/live.ts). */
    written: `${root}:written`,
  } as const;
}

export type StatsKeys = ReturnType<typeof statsKeys>;

/** Sorted set beside each `records` hash: its fields scored by the call's end (epoch ms), for paging by time. */
export function recordsByEnd(recordsKey: string): string {
  return `${recordsKey}:by-end`;
}

/**
 * Accounts, sessions, organisational units, teams, policies and kiosk links (server/auth, server/org). They share the
 * hash tag `{access}`, so one MULTI can write any of them. Secrets (session ids, kiosk tokens) appear only as their
 * SHA-256, so a copy of Redis opens no session.
 */
export function accessKeys(prefix: string) {
  const root = `${prefix}:{access}`;
  return {
    /** Hash: user id → JSON of the account, password hash included. */
    users: `${root}:users`,
    /** Hash: lower-case username → user id. */
    usernames: `${root}:usernames`,
    /** String: the Owner's user id; set once, with NX, so that only one set-up can win. */
    owner: `${root}:owner`,
    /**
     * String: JSON of the installation marker (access/installation.ts): this Redis holds a set-up board, and whether its
     * data was found lost. Its absence with nothing else is a first start; its disappearance is a Redis that was emptied.
     */
    installation: `${root}:installation`,
    /** String with the idle TTL: JSON of a session, by the SHA-256 of its id. */
    session: (hash: string) => `${root}:session:${hash}`,
    /** Set: the session hashes of one user, so that disabling them or resetting their password ends them all. */
    userSessions: (userId: string) => `${root}:user-sessions:${userId}`,
    /** String with a TTL: login attempts in the current window not yet known to be right, per lower-case username or per client address. */
    loginFailures: (kind: 'user' | 'ip', who: string) => `${root}:login-failures:${kind}:${who}`,
    /** Hash: unit id → JSON of the organisational unit. */
    units: `${root}:units`,
    /** Hash: team id → JSON of the team. */
    teams: `${root}:teams`,
    /** Hash: policy id → JSON of a team policy. */
    policies: `${root}:policies`,
    /** Hash: kiosk id → JSON of the kiosk link, its token's SHA-256 included. */
    kiosks: `${root}:kiosks`,
    /** Hash: SHA-256 of a kiosk token → kiosk id. */
    kioskTokens: `${root}:kiosk-tokens`,
    /** Hash: user id → JSON of their FTP login (server/ftps): user name, SHA-512 crypt hash, when issued. */
    ftpAccounts: `${root}:ftp-accounts`,
    /** Pub/sub channel: sessions and kiosks revoked, units, teams and policies changed (see access/events.ts). */
    events: `${root}:events`,
  } as const;
}

export type AccessKeys = ReturnType<typeof accessKeys>;

/** Layouts (server/layouts): board-wide. Both keys share the hash tag `{layouts}`, so one script can write both. */
export function layoutKeys(prefix: string) {
  const root = `${prefix}:{layouts}`;
  return {
    /** Hash: layout id → JSON of the layout (server/contract/layout.ts). */
    layouts: `${root}:all`,
    /** Set: ids of the shipped layouts (layouts/*.json) ever seeded, so that one a user deleted stays deleted. */
    seeded: `${root}:seeded`,
  } as const;
}

export type LayoutKeys = ReturnType<typeof layoutKeys>;

/** Chat (server/chat): board-wide. The keys share the hash tag `{chat}`, so one MULTI or script can write any of them. */
export function chatKeys(prefix: string) {
  const root = `${prefix}:{chat}`;
  return {
    /** Stream per conversation (`dm:<user id>:<user id>`, ids sorted, or `team:<team id>`): its messages; ids by time. */
    messages: (conversation: string) => `${root}:messages:${conversation}`,
    /** Set: every messages key, so that retention finds them without SCAN. */
    conversations: `${root}:conversations`,
  } as const;
}

export type ChatKeys = ReturnType<typeof chatKeys>;

/** Requests to the AMI lease holder (server/holder), every feature's under its topic. */
export function holderKeys(prefix: string) {
  const root = `${prefix}:{holder}`;
  return {
    /** Pub/sub channel: requests for the AMI lease holder (JSON: id, topic, request). */
    requests: `${root}:requests`,
    /** Pub/sub channel: the holder's answers, by request id. */
    replies: `${root}:replies`,
  } as const;
}

/** Actions on agents (server/agent-actions): board-wide, under the hash tag `{agent-actions}`. */
export function agentActionKeys(prefix: string) {
  const root = `${prefix}:{agent-actions}`;
  return {
    /** String: JSON array of the center's pause reasons (absent: the defaults). */
    reasons: `${root}:reasons`,
    /** Sorted set: JSON of a log entry, scored by its time (epoch ms): the action log (agents and callbacks). */
    log: `${root}:log`,
  } as const;
}

export type AgentActionKeys = ReturnType<typeof agentActionKeys>;
/** Calling abandoned callers back (server/callbacks): board-wide, under the hash tag `{callbacks}`. */
export function callbackKeys(prefix: string) {
  const root = `${prefix}:{callbacks}`;
  return {
    /** String with a TTL: JSON of the callback calling this number now; set with NX, so one person calls at a time. */
    claim: (number: string) => `${root}:claim:${number}`,
    /** Hash per UTC day of the start, kept 3 days: caller number → JSON of the last callback to it. */
    latest: (day: string) => `${root}:latest:${day}`,
    /** Pub/sub channel: a callback started or ended, so every process reads the list of abandoned callers again. */
    changed: `${root}:changed`,
  } as const;
}

export type CallbackKeys = ReturnType<typeof callbackKeys>;

/** Call monitoring (server/monitoring): board-wide, under the hash tag `{monitoring}`. */
export function monitoringKeys(prefix: string) {
  const root = `${prefix}:{monitoring}`;
  return {
    /** Hash: group id → JSON of a permission group (server/contract/monitoring.ts). */
    groups: `${root}:groups`,
    /** Hash: session id → JSON of a live session. */
    active: `${root}:active`,
    /** Sorted set: JSON of an ended session, scored by its end (epoch ms): the audit log. */
    history: `${root}:history`,
    /** Pub/sub channel: a session changed (JSON of the session), for every process's sockets. */
    changed: `${root}:changed`,
  } as const;
}

export type MonitoringKeys = ReturnType<typeof monitoringKeys>;

/**
 * The daily reports (server/exports): the CDRs Asterisk sent, the written days, the rate table and the writer's lock,
 * board-wide under the hash tag `{exports}`, so that one script writes a CDR and its indexes.
 */
export function exportKeys(prefix: string) {
  const root = `${prefix}:{exports}`;
  return {
    /** Hash per UTC day (YYYY-MM-DD) of the channel's creation: UniqueID → its CDRs, one JSON array per line. */
    cdrs: (day: string) => `${root}:cdrs:${day}`,
    /** Sorted set beside each `cdrs` hash: its UniqueIDs scored by their first CDR's start (epoch ms), for order. */
    cdrOrder: (day: string) => `${root}:cdr-order:${day}`,
    /** Hash beside each `cdrs` hash: UniqueID → the channel's hangup cause (`16 Normal Clearing`). */
    causes: (day: string) => `${root}:causes:${day}`,
    /** Sorted set: every day that has CDRs → its start (epoch s), so that retention and catch-up find them. */
    cdrDays: `${root}:cdr-days`,
    /** Hash: day → JSON of its writing (when, whether the day was over); the scheduler writes days not over. */
    written: `${root}:written`,
    /** String: the first day the writer ran; catch-up goes back no further unless CDRs or records are older. */
    firstDay: `${root}:first-day`,
    /** String: JSON of the uploaded rate table. */
    rates: `${root}:rates`,
    /** String with a TTL: the instance writing reports now; nobody else writes while it is held. */
    lock: `${root}:lock`,
  } as const;
}

export type ExportKeys = ReturnType<typeof exportKeys>;

/** Call recording (server/recordings): board-wide, under the hash tag `{recordings}`. */
export function recordingKeys(prefix: string) {
  const root = `${prefix}:{recordings}`;
  return {
    /** Set: the queues whose answered calls are recorded. */
    queues: `${root}:queues`,
    /** Set: the user ids whose answered calls are recorded. */
    users: `${root}:users`,
    /** Hash: call id → JSON of a WAV waiting to be converted (it survives a restart or a new lease holder). */
    pending: `${root}:pending`,
    /** Hash: call id → JSON of a converted recording (server/recordings/store.ts). */
    index: `${root}:index`,
    /** Sorted set: call ids by the end of their recording (epoch ms), for retention. */
    byEnd: `${root}:by-end`,
  } as const;
}

export type RecordingKeys = ReturnType<typeof recordingKeys>;

/** Alerts (server/alerts): board-wide, under the hash tag `{alerts}`. */
export function alertKeys(prefix: string) {
  const root = `${prefix}:{alerts}`;
  return {
    /** Hash: rule id → JSON of an alert rule (server/contract/alerts.ts). */
    rules: `${root}:rules`,
    /** Hash: webhook id → JSON of a webhook, its secret included. */
    webhooks: `${root}:webhooks`,
    /** Hash: rule id → JSON of its alert while raised; set with HSETNX, so one process raises (and sends) it. */
    active: `${root}:active`,
    /** Sorted set: JSON of each raise and clear, scored by its time (epoch ms): the alert history. */
    history: `${root}:history`,
  } as const;
}

export type AlertKeys = ReturnType<typeof alertKeys>;
