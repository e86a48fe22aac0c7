import type { RetentionCategory, RetentionPurged, RetentionRule } from '../../../server/contract/stats.ts';
import type { Locale } from '../../../server/contract/locale.ts';
import { CONFIRM_WORDS } from '../../../server/contract/stats.ts';
import { getLocale } from '../../../server/contract/messages/runtime.js';

/** The categories of data with a retention rule (server/stats/redis/retention.ts), as the screen names them. */
export const RETENTION_CATEGORIES: readonly { key: RetentionCategory; label: string; description: string }[] = [
  {
    key: 'callRecords',
    label: 'Call records',
    description: 'One record per ended queue call, the CDRs Asterisk sends, and the daily CDR files.',
  },
  {
    key: 'queueCallReports',
    label: 'Queue call reports',
    description: 'The daily queue call report files (QueueCalls/…zip).',
  },
  { key: 'agentActivity', label: 'Agent activity', description: 'When each agent was logged in and paused, and why.' },
  { key: 'statistics', label: 'Wallboard statistics', description: 'The counters behind every figure of the board.' },
  {
    key: 'chatMessages',
    label: 'Chat messages',
    description: 'Direct messages between users and the messages of team rooms.',
  },
  { key: 'monitoringLog', label: 'Monitoring log', description: 'Who monitored whose call, when, in which modes.' },
  {
    key: 'agentActionsLog',
    label: 'Agent actions log',
    description: 'Who paused, unpaused, logged in or out which agent, when, and what Asterisk answered.',
  },
  { key: 'alertHistory', label: 'Alert history', description: 'When each alert was raised and cleared.' },
  {
    key: 'recordings',
    label: 'Recordings',
    description: 'The MP3 recordings of calls, in every unit folder they are linked into.',
  },
];

export const MIN_DAYS = 1;
export const MAX_DAYS = 999;

/** What the rule form holds: the days as typed, so that a half-typed number is shown back rather than lost. */
export interface RuleDraft {
  forever: boolean;
  days: string;
}

export function draftOf(rule: RetentionRule): RuleDraft {
  return rule.days === null ? { forever: true, days: '30' } : { forever: false, days: String(rule.days) };
}

/** The rule a form describes, or why it cannot be saved. */
export function ruleOf(draft: RuleDraft): { ok: true; rule: RetentionRule } | { ok: false; error: string } {
  if (draft.forever) return { ok: true, rule: { days: null } };
  const text = draft.days.trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < MIN_DAYS || days > MAX_DAYS) {
    return {
      ok: false,
      error: `Enter a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}, or choose Keep forever.`,
    };
  }
  return { ok: true, rule: { days } };
}

export function describeRule(rule: RetentionRule): string {
  return rule.days === null ? 'kept forever' : `kept for ${rule.days} ${rule.days === 1 ? 'day' : 'days'}`;
}

/** The word a user types before everything of a category goes, in their language: YES, or TAK in Polish. */
export function confirmWord(locale: Locale = getLocale()): string {
  return CONFIRM_WORDS[locale];
}

/** Exactly the word: "tak", " TAK" or "TAK!" are not a confirmation. */
export function isConfirmed(typed: string, locale: Locale = getLocale()): boolean {
  return typed === confirmWord(locale);
}

export function categoryLabel(category: RetentionCategory): string {
  return RETENTION_CATEGORIES.find((entry) => entry.key === category)?.label ?? category;
}

/** The server's answer to "Delete all", in words. */
export function describePurge(purged: RetentionPurged): string {
  const records = purged.deleted === 1 ? 'record' : 'records';
  return `${categoryLabel(purged.category)}: deleted ${purged.deleted} ${records}.`;
}
