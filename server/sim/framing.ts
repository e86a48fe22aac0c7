/**
 * AMI framing: a message is `Key: Value` lines ended by `\r\n`, closed by an empty line. Keys may repeat (`Variable`,
 * `Output`), so a message is an ordered list of pairs rather than a map.
 */
export type Fields = (readonly [string, string])[];

export const BANNER = 'Asterisk Call Manager/11.0.0\r\n';

export function formatMessage(fields: Fields): string {
  let out = '';
  for (const [key, value] of fields) out += `${key}: ${value}\r\n`;
  return `${out}\r\n`;
}

/** An action received from a client. Header names are matched case-insensitively, as Asterisk does. */
export class ActionMessage {
  constructor(readonly pairs: Fields) {}

  get(key: string): string {
    const lower = key.toLowerCase();
    return this.pairs.find(([k]) => k.toLowerCase() === lower)?.[1] ?? '';
  }

  getAll(key: string): string[] {
    const lower = key.toLowerCase();
    return this.pairs.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
  }
}

/** Largest action we buffer; a client that sends more without an empty line is not speaking AMI. */
const MAX_PENDING = 1 << 20;

/** Splits a client's byte stream into actions (lines end in `\r\n`, a bare `\n` is tolerated). */
export class ActionParser {
  private pending = '';
  private lines: [string, string][] = [];

  push(chunk: string): ActionMessage[] {
    this.pending += chunk;
    if (this.pending.length > MAX_PENDING) throw new Error('action too large');
    const out: ActionMessage[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      if (line === '') {
        if (this.lines.length > 0) out.push(new ActionMessage(this.lines));
        this.lines = [];
      } else {
        const colon = line.indexOf(':');
        if (colon > 0) this.lines.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
      }
      newline = this.pending.indexOf('\n');
    }
    return out;
  }
}
