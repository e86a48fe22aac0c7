import { format, formatISO, isValid, parseISO } from 'date-fns';
import type { LayoutSince } from '../../server/contract/layout.ts';
import { ROLLING_MINUTES } from '../../server/contract/layout-since.ts';
import { m } from '../../server/contract/messages/messages.js';
import { formatDateTime } from '../display/format.ts';

/**
 * "Statistics since" (Statystyki od) as people choose it: a fixed list of starts plus a custom date and time. `key` is the value of
 * the choice in a select.
 */
export interface SinceChoice {
  key: string;
  label: string;
}

type Rolling = (typeof ROLLING_MINUTES)[number];

function rollingLabel(minutes: Rolling): string {
  return minutes < 60 ? m.board_since_last_minutes({ minutes }) : m.board_since_last_hours({ hours: minutes / 60 });
}

/** The choices in the viewer's language. */
export function sinceChoices(): SinceChoice[] {
  return [
    { key: 'today', label: m.board_since_today() },
    { key: 'shift', label: m.board_since_shift() },
    ...ROLLING_MINUTES.map((minutes) => ({ key: `rolling:${minutes}`, label: rollingLabel(minutes) })),
    { key: 'custom', label: m.board_since_custom_choice() },
  ];
}

export function sinceKey(since: LayoutSince): string {
  return since.kind === 'rolling' ? `rolling:${since.minutes}` : since.kind;
}

/** The since of a choice; a custom one needs its date and time (`customAt`, ISO with offset). */
export function sinceOfKey(key: string, customAt: string): LayoutSince | null {
  if (key === 'today' || key === 'shift') return { kind: key };
  if (key === 'custom') return customAt ? { kind: 'custom', at: customAt } : null;
  const minutes = Number(key.replace(/^rolling:/, ''));
  return (ROLLING_MINUTES as readonly number[]).includes(minutes)
    ? { kind: 'rolling', minutes: minutes as Rolling }
    : null;
}

export function sinceLabel(since: LayoutSince): string {
  switch (since.kind) {
    case 'today':
      return m.board_since_today();
    case 'shift':
      return m.board_since_shift();
    case 'rolling':
      return rollingLabel(since.minutes);
    case 'custom': {
      const at = parseISO(since.at);
      return isValid(at) ? m.board_since_custom_at({ at: formatDateTime(at.getTime()) }) : m.board_since_custom();
    }
  }
}

/** A `datetime-local` input's value (the browser's local time) as an ISO time with offset; '' when incomplete. */
export function customFromInput(value: string): string {
  const at = parseISO(value);
  return value && isValid(at) ? formatISO(at) : '';
}

/** An ISO time as a `datetime-local` input shows it. */
export function inputOfCustom(iso: string): string {
  const at = parseISO(iso);
  return isValid(at) ? format(at, "yyyy-MM-dd'T'HH:mm") : '';
}

export function sameSince(a: LayoutSince, b: LayoutSince): boolean {
  return (
    sinceKey(a) === sinceKey(b) &&
    (a.kind !== 'custom' || (b.kind === 'custom' && Date.parse(a.at) === Date.parse(b.at)))
  );
}
