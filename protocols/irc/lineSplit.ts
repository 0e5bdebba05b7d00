/**
 * Splitting outgoing text into IRC lines. A protocol line is at most 512 bytes including
 * CR LF, and the server relays ours with a prefix it adds (`:nick!user@host`), so each
 * chunk of text must leave room for the whole relayed line.
 */

/** Bytes a relayed line may use in total, CR LF included (RFC 1459). */
export const IRC_LINE_MAX_BYTES = 512;

/**
 * Conservative size of the `:nick!user@host ` prefix the server puts before our line when
 * relaying it: nick (up to 30) + user (up to 10, plus `~`) + host (up to 63) + punctuation.
 */
export const RELAY_PREFIX_ALLOWANCE = 1 + 30 + 1 + 11 + 1 + 63 + 1;

const encoder = new TextEncoder();

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/**
 * The number of text bytes one line may carry for `COMMAND target :<text>` once the
 * server has added its prefix, with `wrapperBytes` extra bytes around the text (CTCP
 * ACTION's `\x01ACTION ` + `\x01`).
 */
export function maxTextBytes(command: string, target: string, wrapperBytes = 0, lineMaxBytes = IRC_LINE_MAX_BYTES): number {
  const fixed = RELAY_PREFIX_ALLOWANCE + byteLength(`${command} ${target} :`) + wrapperBytes + 2;
  return Math.max(16, lineMaxBytes - fixed);
}

/**
 * Split `text` into chunks of at most `maxBytes` UTF-8 bytes each: first on newlines
 * (empty lines dropped), then at the last space that fits, and only inside a word when a
 * word alone is too long — never inside a code point. Nothing is lost: joining the chunks
 * of one line with the spaces at the cut gives the line back.
 */
export function splitMessage(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must leave room for one UTF-8 code point');
  const chunks: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.length === 0) continue;
    splitLine(line, maxBytes, chunks);
  }
  return chunks;
}

function splitLine(line: string, maxBytes: number, out: string[]): void {
  let rest = line;
  while (byteLength(rest) > maxBytes) {
    const points = Array.from(rest);
    // Longest prefix (in whole code points) that fits.
    let bytes = 0;
    let fit = 0;
    for (const point of points) {
      const size = byteLength(point);
      if (bytes + size > maxBytes) break;
      bytes += size;
      fit++;
    }
    const head = points.slice(0, fit).join('');
    const space = head.lastIndexOf(' ');
    if (space > 0) {
      // Cut at the space; the space itself goes (it becomes the line break).
      out.push(head.slice(0, space));
      rest = rest.slice(space + 1);
    } else {
      out.push(head);
      rest = rest.slice(head.length);
    }
  }
  if (rest.length > 0) out.push(rest);
}
