/** Whom and what a refusal is about, as the board names them. */
export interface Named {
  readonly agent: string | undefined;
  readonly queue: string | null;
}

/**
 * app_queue's refusals of QueuePause, QueueAdd and QueueRemove (trace 05) as sentences for a person. The board checks
 * the same before it asks, with the same words; Asterisk's answer covers what changed in between.
 */
export function refusalOf(message: string, { agent, queue }: Named): string {
  const who = agent ?? 'The agent';
  const where = queue ?? 'any queue';
  if (message === 'Member not dynamic') {
    return (
      `${who} is a static member of ${where} (set in queues.conf): Asterisk cannot log a static member out over ` +
      'AMI. Change queues.conf, or pause them instead.'
    );
  }
  if (message.endsWith('Already there')) return `${who} is logged into ${where} already.`;
  if (message.endsWith('Not there')) return `${who} is not logged into ${where}.`;
  if (message.endsWith('No such queue')) return `Asterisk has no queue ${where}.`;
  if (message === 'Interface not found') return `${who} is not a member of ${where}.`;
  return `Asterisk refused: ${message || 'no reason given'}.`;
}
