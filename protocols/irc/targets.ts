/**
 * Commands with several targets on one line (`MONITOR + a,b,c`, `ISON a b c`): as many as
 * the server's ISUPPORT TARGMAX allows for the command
 * (https://modern.ircdocs.horse/#targmax-parameter: `TARGMAX=PRIVMSG:4,MONITOR:100`; a
 * command named without a number has no limit) and as fit in one line of the server's length.
 */
const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * TARGMAX's limit for `command`: its number, Infinity when listed without one, and
 * `fallback` when the server sends no TARGMAX or does not list the command.
 */
export function targetLimit(isupport: Readonly<Record<string, unknown>>, command: string, fallback: number): number {
  const token = isupport['TARGMAX'];
  if (typeof token !== 'string') return fallback;
  for (const entry of token.split(',')) {
    const [name = '', value = ''] = entry.split(':');
    if (name.toUpperCase() !== command.toUpperCase()) continue;
    if (value === '') return Infinity;
    const number = Number(value);
    return Number.isInteger(number) && number > 0 ? number : fallback;
  }
  return fallback;
}

/**
 * `head` followed by the items, joined by `separator`, as few lines as possible, each at most
 * `maxCount` items and `maxBytes` bytes with CR LF. An item too long for any line goes alone.
 */
export function packTargets(head: string, items: readonly string[], separator: string, maxBytes: number, maxCount: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  const room = maxBytes - 2 - byteLength(head);
  for (const item of items) {
    const size = byteLength(item) + (current.length > 0 ? byteLength(separator) : 0);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > room)) {
      lines.push(head + current.join(separator));
      current = [];
      bytes = 0;
    }
    bytes += byteLength(item) + (current.length > 0 ? byteLength(separator) : 0);
    current.push(item);
  }
  if (current.length > 0) lines.push(head + current.join(separator));
  return lines;
}
