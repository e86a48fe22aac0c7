import { z } from 'zod';

/** `PUT /api/retention` and the retention rules of a configuration backup: keep forever (null) or 1–999 days. */
const days = z
  .number({ error: 'must be a whole number of days from 1 to 999, or null to keep forever' })
  .int('must be a whole number of days from 1 to 999, or null to keep forever')
  .min(1, 'must be at least 1 day (null keeps forever)')
  .max(999, 'must be at most 999 days (null keeps forever)')
  .nullable();
const rule = z.strictObject({ days });

/** The rules to change; a category left out keeps its rule (in a backup: is kept forever). */
export const retentionUpdateBody = z.strictObject({
  callRecords: rule.optional(),
  queueCallReports: rule.optional(),
  agentActivity: rule.optional(),
  statistics: rule.optional(),
  chatMessages: rule.optional(),
  monitoringLog: rule.optional(),
  agentActionsLog: rule.optional(),
  alertHistory: rule.optional(),
  recordings: rule.optional(),
});
