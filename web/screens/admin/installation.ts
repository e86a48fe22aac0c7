import type { InstallationView } from '../../../server/contract/installation.ts';
import { m } from '../../../server/contract/messages/messages.js';
import { formatDateTime } from '../../display/format.ts';

/**
 * The installation's warnings in the viewer's language, worst first, from the state the server reports (its own
 * `warnings` are the operator's sentences, in English). An administrator reads them logged in, so a lost board has
 * its Owner again.
 */
export function installationWarnings(view: InstallationView): string[] {
  const warnings: string[] = [];
  if (view.data === 'lost' && view.lostAt !== null) {
    const at = Date.parse(view.lostAt);
    warnings.push(m.admin_installation_lost({ at: Number.isNaN(at) ? view.lostAt : formatDateTime(at) }));
  }
  const { mode, detail } = view.persistence;
  if (mode === 'none') warnings.push(m.admin_installation_memory_only({ detail }));
  if (mode === 'unknown') warnings.push(m.admin_installation_persistence_unknown({ detail }));
  return warnings;
}
