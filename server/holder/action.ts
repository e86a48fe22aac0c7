import { AmiResponseError, type ActionFields, type AmiConnection } from '../ami/types.ts';
import type { AmiFields } from '../domain/input.ts';
import type { Logger } from '../log.ts';

/** Told when the holder has no live AMI connection to the PBX, or lost it while the action was out. */
export const AMI_DOWN = 'Asterisk is not connected.';

/** An action's outcome: Asterisk's response, or a sentence for the person with Asterisk's refusal when there is one. */
export type ActionOutcome =
  | { readonly ok: true; readonly data: AmiFields }
  | { readonly ok: false; readonly error: string; readonly refusal?: AmiFields };

/**
 * Sends one AMI action on the lease holder. Nothing is sent unless the link is live; a failure with the link still up
 * is the action's own (a `Response: Error` is kept, so that the feature can say what it means), else the link's.
 */
export async function sendAction(
  ami: AmiConnection | undefined,
  action: string,
  fields: ActionFields,
  log: Logger,
  down = AMI_DOWN,
): Promise<ActionOutcome> {
  if (ami?.status().state !== 'live') return { ok: false, error: down };
  try {
    return { ok: true, data: await ami.action(action, fields) };
  } catch (error) {
    log.warn({ err: (error as Error).message, action }, 'AMI action refused');
    if (ami.status().state !== 'live') return { ok: false, error: down };
    const refusal = error instanceof AmiResponseError ? { refusal: error.response } : {};
    return { ok: false, error: `${action} failed: ${(error as Error).message}`, ...refusal };
  }
}
