import type { AmiFields } from './input.ts';

/**
 * Typed reads of AMI fields. A field can be missing, repeated (an array) or a variable map when the peer sends
 * something unexpected; reads never throw and fall back to an empty string or the given number.
 */
export function text(fields: AmiFields, key: string): string {
  const value = fields[key];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return '';
}

export function int(fields: AmiFields, key: string, fallback = 0): number {
  const parsed = Number.parseInt(text(fields, key), 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

export function decimal(fields: AmiFields, key: string, fallback = 0): number {
  const parsed = Number.parseFloat(text(fields, key));
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** AMI booleans: `1`/`0` in member events, `True`/`yes` elsewhere. */
export function flag(fields: AmiFields, key: string): boolean {
  const value = text(fields, key).toLowerCase();
  return value === '1' || value === 'true' || value === 'yes';
}

/** `Local/1001@agents-0000001a;1` → `Local/1001@agents`; `PJSIP/1001-0000002b` → `PJSIP/1001`. */
export function channelInterface(channel: string): string {
  const dash = channel.lastIndexOf('-');
  return dash > channel.indexOf('/') ? channel.slice(0, dash) : channel;
}

/** `HH:MM:SS` (CoreShowChannel Duration) → seconds. */
export function clockSeconds(value: string): number {
  const parts = value.split(':').map((part) => Number.parseInt(part, 10));
  if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part))) return 0;
  const [h = 0, m = 0, s = 0] = parts;
  return h * 3600 + m * 60 + s;
}
