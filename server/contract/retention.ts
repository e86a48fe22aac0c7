import { z } from 'zod';
import { problem } from './issues.ts';

/** `PUT /api/retention` and the retention rules of a configuration backup: keep forever (null) or 1–999 days. */
const days = z
  .number({ error: problem('days_whole') })
  .int(problem('days_whole'))
  .min(1, problem('days_min'))
  .max(999, problem('days_max'))
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
