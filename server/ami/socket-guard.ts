import type { Socket } from 'node:net';

// A blank line, as asterisk-manager's parser sees one: it splits lines on /\r?\n/ and ends a message at an empty line.
const BOUNDARY = /\n\r?\n/g;

/**
 * asterisk-manager keeps every line of a message until the blank line that ends it, with no limit, so a broken or
 * hostile peer could grow its buffers without bound. This guard watches the same socket and reports once a run of
 * more than `limit` characters arrives without a blank line. It is prepended to the socket's listeners so that it
 * sees each chunk before the parser does.
 *
 * Sizes are counted in characters of the decoded stream (the parser sets utf-8 decoding), which equals bytes for
 * AMI's ASCII and stays within a factor of 4 otherwise.
 */
export function guardSocket(socket: Socket, limit: number, onOverflow: (error: Error) => void): void {
  let sinceBoundary = 0;
  // The last two characters of the previous chunk: a blank line can straddle two chunks.
  let tail = '';
  let tripped = false;
  const onData = (data: string | Buffer): void => {
    if (tripped) return;
    const chunk = typeof data === 'string' ? data : data.toString('latin1');
    const text = tail + chunk;
    const longest = scan(text, sinceBoundary - tail.length, limit);
    sinceBoundary = longest.trailing;
    tail = text.slice(-2);
    if (longest.exceeded || sinceBoundary > limit) {
      tripped = true;
      onOverflow(new Error(`AMI peer sent more than ${limit} bytes without a message boundary`));
    }
  };
  socket.prependListener('data', onData);
}

/**
 * Whether `text` (preceded by a run of `leading` characters) holds a run longer than `limit`, and how long the run
 * at its end is. Usual traffic costs one search for the first and one for the last blank line; all blank lines are
 * visited only when the chunk itself is longer than the limit.
 */
function scan(text: string, leading: number, limit: number): { exceeded: boolean; trailing: number } {
  BOUNDARY.lastIndex = 0;
  const first = BOUNDARY.exec(text);
  if (!first) return { exceeded: false, trailing: leading + text.length };
  let end = first.index + first[0].length;
  let exceeded = leading + first.index > limit;
  if (text.length - end > limit) {
    for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
      exceeded ||= match.index - end > limit;
      end = match.index + match[0].length;
    }
  } else {
    end = Math.max(end, lastBoundaryEnd(text));
  }
  return { exceeded, trailing: text.length - end };
}

function lastBoundaryEnd(text: string): number {
  const crlf = text.lastIndexOf('\n\r\n');
  const lf = text.lastIndexOf('\n\n');
  return Math.max(crlf < 0 ? -1 : crlf + 3, lf < 0 ? -1 : lf + 2);
}
