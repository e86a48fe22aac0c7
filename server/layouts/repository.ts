import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { format, isSameDay, type Locale as DateLocale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { pl } from 'date-fns/locale/pl';
import type { Redis } from '../redis-client.ts';
import type { z } from 'zod';
import {
  LAYOUT_VERSION,
  layoutSchema,
  newLayoutSchema,
  type Layout,
  type LayoutContent,
  type LayoutScope,
  type LayoutSummary,
} from '../contract/layout.ts';
import { checkWith } from '../contract/issues.ts';
import type { Locale } from '../contract/locale.ts';
import { m } from '../contract/messages/messages.js';
import { say } from '../i18n.ts';
import type { LayoutKeys } from '../store/keys.ts';
import { LayoutError, notFound } from './errors.ts';

/** The month names of the wall clock in a refusal, in the asker's language. */
const DATE_LOCALES: Record<Locale, DateLocale> = { pl, en: enGB };

/**
 * Replaces a layout only if the stored one still has the revision the editor started from, in one step, so that two
 * people saving at once cannot both win. Returns {0} when the layout is gone, {1, stored} on a conflict, {2} when saved.
 */
const REPLACE = `
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return {0} end
if cjson.decode(stored).revision ~= tonumber(ARGV[2]) then return {1, stored} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {2}`;

/** Seeds a shipped layout once: never over a layout with its id, and never again after a user deleted it. */
const SEED = `
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])`;

/** The author of changes made by someone we cannot name (until accounts exist, everyone). */
export const ANONYMOUS = 'anonymous';

/** Who owns a layout and who sees it (server/layouts/rights.ts): decided by the caller, never taken from the input. */
export interface LayoutOwnership {
  readonly owner: string | null;
  readonly scope: LayoutScope;
}

/** A change by nobody in particular: a layout for everyone, owned by nobody. */
export const UNOWNED: LayoutOwnership = { owner: null, scope: 'all' };

export interface LayoutRepositoryOptions {
  readonly clock?: () => number;
  /** The board's IANA time zone, in which a refusal says when someone else saved (default: UTC). */
  readonly timeZone?: string;
  /** Ids of new layouts (default: random UUIDs). */
  readonly newId?: () => string;
}

/**
 * The layouts in Redis, one hash of id → layout JSON. Everything that comes in is validated against the contract
 * first, so a broken file or body changes nothing; every write stamps who wrote it, when, and the next revision.
 */
export class LayoutRepository {
  private readonly clock: () => number;
  private readonly newId: () => string;
  private readonly timeZone: string;

  constructor(
    private readonly redis: Redis,
    private readonly keys: LayoutKeys,
    options: LayoutRepositoryOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    this.timeZone = options.timeZone ?? 'UTC';
  }

  /** Every layout's summary, in no particular order. */
  async list(): Promise<LayoutSummary[]> {
    return (await this.redis.hvals(this.keys.layouts)).map((json) => summarize(decode(json)));
  }

  async get(id: string): Promise<Layout> {
    const stored = await this.redis.hget(this.keys.layouts, id);
    if (stored === null) throw notFound(id);
    return decode(stored);
  }

  /** A new layout (newLayoutSchema) under a new id, at revision 1. */
  async create(input: unknown, actor: string, ownership: LayoutOwnership = UNOWNED): Promise<Layout> {
    return this.insert({ ...valid(newLayoutSchema, input), id: this.newId() }, actor, ownership);
  }

  /**
   * Saves an edited layout (layoutSchema) whose `revision` is the one its editor loaded. If someone saved in between,
   * nothing is written and the error says who and when: the editor reloads rather than overwrite their work.
   */
  async save(id: string, input: unknown, actor: string, ownership: LayoutOwnership = UNOWNED): Promise<Layout> {
    const edited = valid(layoutSchema, input);
    if (edited.id !== id)
      throw new LayoutError('invalid', say(m.editor_refused_other_id, { id: edited.id, saved: id }));
    const next = stamp(edited, edited.revision + 1, actor, this.clock(), ownership);
    const reply = (await this.redis.eval(REPLACE, 1, this.keys.layouts, id, edited.revision, JSON.stringify(next))) as
      [0] | [1, string] | [2];
    if (reply[0] === 0) {
      throw new LayoutError('notFound', say(m.editor_refused_deleted, { name: edited.name }));
    }
    if (reply[0] === 1) {
      const current = decode(reply[1]);
      const at = Date.parse(current.updatedAt);
      throw new LayoutError('conflict', (locale) =>
        m.editor_refused_conflict({ who: current.updatedBy, when: this.wallClock(at, locale) }, { locale }),
      );
    }
    return next;
  }

  /** `14:02`, or `6 Dec 14:02` (`6 gru 14:02`) on another day than today, on the board's wall clock. */
  private wallClock(at: number, locale: Locale): string {
    const time = new TZDate(at, this.timeZone);
    const pattern = isSameDay(time, new TZDate(this.clock(), this.timeZone)) ? 'HH:mm' : 'd MMM HH:mm';
    return format(time, pattern, { locale: DATE_LOCALES[locale] });
  }

  async delete(id: string): Promise<void> {
    if ((await this.redis.hdel(this.keys.layouts, id)) === 0) throw notFound(id);
  }

  /**
   * Adds a layout from an exported or hand-written file, at revision 1. It keeps its id unless a layout already has
   * it; then it gets a new one, so an import never replaces anyone's layout.
   */
  async import(file: unknown, actor: string, ownership: LayoutOwnership = UNOWNED): Promise<Layout> {
    return this.insert(valid(layoutSchema, file), actor, ownership);
  }

  /** The layout file, as people read and edit it. */
  async export(id: string): Promise<string> {
    return `${JSON.stringify(await this.get(id), null, 2)}\n`;
  }

  /** Seeds a shipped layout, as is, unless it was seeded before; true if it was stored now. */
  async seed(layout: Layout): Promise<boolean> {
    return (
      (await this.redis.eval(SEED, 2, this.keys.layouts, this.keys.seeded, layout.id, JSON.stringify(layout))) === 1
    );
  }

  private async insert(
    content: LayoutContent & { id: string },
    actor: string,
    ownership: LayoutOwnership,
  ): Promise<Layout> {
    let layout = stamp(content, 1, actor, this.clock(), ownership);
    while ((await this.redis.hsetnx(this.keys.layouts, layout.id, JSON.stringify(layout))) === 0) {
      layout = { ...layout, id: this.newId() };
    }
    return layout;
  }
}

function summarize(layout: Layout): LayoutSummary {
  const { id, name, columns, updatedAt, updatedBy } = layout;
  const widgets = layout.columnsContent.reduce((sum, column) => sum + column.length, 0);
  return {
    id,
    name,
    columns,
    widgets,
    updatedAt,
    updatedBy,
    owner: layout.owner ?? null,
    scope: layout.scope ?? 'all',
  };
}

/** The stored form: fields in the file's order, bookkeeping set by the server, whatever the input carried. */
function stamp(
  content: LayoutContent & { id: string },
  revision: number,
  actor: string,
  now: number,
  { owner, scope }: LayoutOwnership,
): Layout {
  const { id, name, columns, columnsContent, since, theme, locale } = content;
  // updatedBy is a label of at most 80 characters, whatever the actor resolver returns.
  const updatedBy = actor.trim().slice(0, 80) || ANONYMOUS;
  const updatedAt = new Date(now).toISOString();
  return {
    version: LAYOUT_VERSION,
    id,
    name,
    columns,
    columnsContent,
    since,
    theme,
    ...(locale && { locale }),
    updatedAt,
    updatedBy,
    revision,
    owner,
    scope,
  };
}

function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = checkWith(schema, input, 'layout');
  if (!parsed.ok) throw new LayoutError('invalid', parsed.problems);
  return parsed.data;
}

// Only this module writes the hash, always after validation: what it reads back is a Layout.
function decode(json: string): Layout {
  return JSON.parse(json) as Layout;
}
