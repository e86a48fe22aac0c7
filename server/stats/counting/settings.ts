import { z } from 'zod';
import { parseEnv } from '../../env.ts';
import { isTimeZone, type ServiceLevelFormula } from '../../contract/stats.ts';
import type { LiveState } from '../../domain/state.ts';

/**
 * The statistics' part of the environment, parsed at start as part of server/config.ts (and refusing to start the
 * same way, with a ConfigError naming each bad variable).
 */
const FORMULAS = ['answered', 'offered', 'asterisk2', 'excludeShort'] as const satisfies readonly ServiceLevelFormula[];
const seconds = z.coerce.number().int().min(0).max(86_400);
const timeOfDay = /^([01]\d|2[0-3]):([0-5]\d)$/;

const queueOverrides = z.strictObject({
  serviceLevelSec: seconds.optional(),
  formula: z.enum(FORMULAS).optional(),
  shortAbandonSec: seconds.optional(),
  wrapupSec: seconds.optional(),
});

const schema = z.object({
  /** The board's time zone (IANA name): "today" starts at its midnight, shifts at its wall-clock times. */
  BOARD_TIME_ZONE: z
    .string()
    .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Warsaw')
    .default('UTC'),
  /** Shift start times in the board's time zone, HH:MM comma separated: "since shift start" starts at the latest. */
  SHIFTS: z
    .string()
    .default('00:00')
    .transform((list) =>
      list
        .split(',')
        .map((time) => time.trim())
        .filter((time) => time !== ''),
    )
    .pipe(z.array(z.string().regex(timeOfDay, 'must be HH:MM times, comma separated, e.g. 06:00,14:00,22:00')).min(1)),
  /** The default service level formula: answered, offered, asterisk2 or excludeShort (docs/metrics.md). */
  STATS_SL_FORMULA: z.enum(FORMULAS).default('excludeShort'),
  /** A caller who hangs up after waiting less than this many seconds is a short abandon. */
  STATS_SHORT_ABANDON_SEC: seconds.default(5),
  /** Per-queue overrides as JSON: {"sales":{"serviceLevelSec":30,"formula":"offered","shortAbandonSec":3,"wrapupSec":5}}. */
  STATS_QUEUES: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), queueOverrides)),
});

export type QueueOverrides = z.infer<typeof queueOverrides>;

export interface StatsSettings {
  readonly timeZone: string;
  /** Shift starts in minutes after local midnight, ascending. */
  readonly shifts: readonly number[];
  readonly formula: ServiceLevelFormula;
  readonly shortAbandonSec: number;
  readonly queues: Readonly<Record<string, QueueOverrides>>;
}

export function loadStatsSettings(env: NodeJS.ProcessEnv = process.env): StatsSettings {
  const vars = parseEnv(schema, env);
  const shifts = vars.SHIFTS.map((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));
  return {
    timeZone: vars.BOARD_TIME_ZONE,
    shifts: [...new Set(shifts)].sort((a, b) => a - b),
    formula: vars.STATS_SL_FORMULA,
    shortAbandonSec: vars.STATS_SHORT_ABANDON_SEC,
    queues: vars.STATS_QUEUES,
  };
}

export const DEFAULT_STATS_SETTINGS: StatsSettings = loadStatsSettings({});

export interface QueueSettings {
  /** T: the override, else Asterisk's `servicelevel` from the live state, else 0 (no service level). */
  readonly serviceLevelSec: number;
  readonly formula: ServiceLevelFormula;
  readonly shortAbandonSec: number;
  /** The queue's wrap-up (Asterisk does not report a queue's `wrapuptime`, only a member's own). */
  readonly wrapupSec: number;
}

export function queueSettings(settings: StatsSettings, queue: string, state: LiveState | undefined): QueueSettings {
  const own = settings.queues[queue];
  return {
    serviceLevelSec: own?.serviceLevelSec ?? state?.queues[queue]?.serviceLevelSec ?? 0,
    formula: own?.formula ?? settings.formula,
    shortAbandonSec: own?.shortAbandonSec ?? settings.shortAbandonSec,
    wrapupSec: own?.wrapupSec ?? 0,
  };
}
