import type { RetentionCategory, RetentionPurged, RetentionRule } from '../../../server/contract/stats.ts';
import type { Locale } from '../../../server/contract/locale.ts';
import { CONFIRM_WORDS } from '../../../server/contract/stats.ts';
import { getLocale } from '../../../server/contract/messages/runtime.js';
import { m } from '../../../server/contract/messages/messages.js';

interface CategoryWords {
  readonly key: RetentionCategory;
  readonly label: string;
  readonly description: string;
}

/** A category with its name and description read in the viewer's language each time they are shown. */
function category(key: RetentionCategory, label: () => string, description: () => string): CategoryWords {
  return {
    key,
    get label() {
      return label();
    },
    get description() {
      return description();
    },
  };
}

/** The categories of data with a retention rule (server/stats/redis/retention.ts), as the screen names them. */
export const RETENTION_CATEGORIES: readonly CategoryWords[] = [
  category('callRecords', m.admin_retention_call_records, m.admin_retention_call_records_about),
  category('queueCallReports', m.admin_retention_queue_call_reports, m.admin_retention_queue_call_reports_about),
  category('agentActivity', m.admin_retention_agent_activity, m.admin_retention_agent_activity_about),
  category('statistics', m.admin_retention_statistics, m.admin_retention_statistics_about),
  category('chatMessages', m.admin_retention_chat_messages, m.admin_retention_chat_messages_about),
  category('monitoringLog', m.admin_retention_monitoring_log, m.admin_retention_monitoring_log_about),
  category('agentActionsLog', m.admin_retention_agent_actions_log, m.admin_retention_agent_actions_log_about),
  category('alertHistory', m.admin_retention_alert_history, m.admin_retention_alert_history_about),
  category('recordings', m.admin_retention_recordings, m.admin_retention_recordings_about),
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
      error: m.admin_retention_invalid({ min: MIN_DAYS, max: MAX_DAYS }),
    };
  }
  return { ok: true, rule: { days } };
}

export function describeRule(rule: RetentionRule): string {
  return rule.days === null ? m.admin_retention_kept_forever() : m.admin_retention_kept_days({ count: rule.days });
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
  return m.admin_retention_purged({ category: categoryLabel(purged.category), count: purged.deleted });
}
