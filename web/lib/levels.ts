/**
 * Threshold levels shared by every widget, so that green, amber and red mean the same thing all over the board
 * (looks.ts gives each level its word and shape).
 */
export type Level = 'good' | 'warn' | 'bad' | 'none';

/** Service level at or above this share of answered calls is on target; above WARN it is slipping. */
const SERVICE_LEVEL_GOOD = 0.8;
const SERVICE_LEVEL_WARN = 0.6;

/** Share of answered calls that were answered within the queue's service-level time; null before the first answer. */
export function serviceLevel(answeredWithinSl: number, answered: number): number | null {
  return answered > 0 ? answeredWithinSl / answered : null;
}

export function serviceLevelLevel(ratio: number | null): Level {
  if (ratio === null) return 'none';
  if (ratio >= SERVICE_LEVEL_GOOD) return 'good';
  return ratio >= SERVICE_LEVEL_WARN ? 'warn' : 'bad';
}

/**
 * A caller's wait against the queue's service-level time: past it the call already counts against the service
 * level (amber), past twice it is an emergency (red). A queue without a service-level time never turns amber.
 */
export function waitLevel(waitSec: number | null, serviceLevelSec: number): Level {
  if (waitSec === null) return 'none';
  if (serviceLevelSec <= 0 || waitSec <= serviceLevelSec) return 'good';
  return waitSec <= 2 * serviceLevelSec ? 'warn' : 'bad';
}
