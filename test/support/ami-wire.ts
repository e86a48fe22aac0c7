/** AMI text helpers for test servers (the fake AMI, the trace player, the benchmark server). */

/** An AMI message from header pairs, with its terminating blank line. */
export function amiMessage(fields: Readonly<Record<string, string | number>>): string {
  let text = '';
  for (const [key, value] of Object.entries(fields)) text += `${key}: ${value}\r\n`;
  return `${text}\r\n`;
}

/** An action as a client sent it: the action name, its ActionID and all headers with lower-cased keys. */
export interface ClientAction {
  readonly name: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** Splits a client's byte stream into actions; feed it every chunk. */
export class ActionReader {
  private text = '';

  constructor(private readonly onAction: (action: ClientAction) => void) {}

  feed(chunk: Buffer | string): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let end: number;
    while ((end = this.text.indexOf('\r\n\r\n')) >= 0) {
      const block = this.text.slice(0, end);
      this.text = this.text.slice(end + 4);
      const fields: Record<string, string> = {};
      for (const line of block.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      if (fields.action !== undefined) this.onAction({ name: fields.action, id: fields.actionid ?? '', fields });
    }
  }
}

/** The answer to a list action: the announcing response, the items (each given the ActionID), the Complete event. */
export function amiList(
  action: string,
  id: string,
  items: readonly Readonly<Record<string, string | number>>[],
): string {
  let text = amiMessage({ Response: 'Success', ActionID: id, EventList: 'start', Message: `${action} will follow` });
  for (const item of items) {
    const { Event: event, ...rest } = item;
    text += amiMessage({ Event: event ?? 'Item', ActionID: id, ...rest });
  }
  text += amiMessage({ Event: `${action}Complete`, ActionID: id, EventList: 'Complete', ListItems: items.length });
  return text;
}
