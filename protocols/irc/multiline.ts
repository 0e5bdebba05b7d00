/**
 * draft/multiline (https://ircv3.net/specs/extensions/multiline): a message of several
 * lines travels as one `BATCH +ref draft/multiline <target>` of PRIVMSGs, and a line longer
 * than the server takes continues in the next PRIVMSG tagged `draft/multiline-concat`; the
 * receiver shows one message. The capability's value limits a batch:
 * `draft/multiline=max-bytes=4096,max-lines=24`. A message over those limits (or an action,
 * which the spec leaves out) goes as separate lines, as without the capability. Client tags
 * of the whole message (label, reply) go on the opening BATCH.
 *
 * Incoming batches are joined here before irc-framework sees them (it would deliver each
 * line as its own message): one PRIVMSG or NOTICE with the batch's tags (msgid, time, label).
 */
import { randomBytes } from 'node:crypto';
import type { IrcMessage } from 'irc-framework';

export interface MultilineLimits {
  readonly maxBytes: number;
  readonly maxLines: number;
}

/** An opening batch kept open longer than this many lines is abandoned (a hostile server). */
const MAX_INCOMING_LINES = 1_000;
const MAX_INCOMING_BYTES = 64 * 1024;

/** The limits of a `draft/multiline` capability value; max-bytes is required by the spec. */
export function multilineLimits(value: string | undefined): MultilineLimits | undefined {
  if (value === undefined) return undefined;
  const fields = new Map(value.split(',').map((pair) => [pair.split('=')[0] ?? '', Number(pair.split('=')[1])]));
  const maxBytes = fields.get('max-bytes') ?? NaN;
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) return undefined;
  const lines = fields.get('max-lines') ?? NaN;
  return { maxBytes, maxLines: Number.isInteger(lines) && lines > 0 ? lines : Infinity };
}

/**
 * The server's multiline limits and a fresh batch reference, when it takes client batches:
 * draft/multiline and message-tags (the batch tag) both enabled.
 */
export function multilineOffer(cap: { readonly enabled: readonly string[]; readonly available: ReadonlyMap<string, string> }): { limits: MultilineLimits; ref: string } | undefined {
  if (!cap.enabled.includes('draft/multiline') || !cap.enabled.includes('message-tags')) return undefined;
  const limits = multilineLimits(cap.available.get('draft/multiline'));
  return limits ? { limits, ref: randomBytes(6).toString('hex') } : undefined;
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Cut a line into pieces of at most `maxBytes`, after a space where one fits, never inside a code point; joined they give the line. */
function pieces(line: string, maxBytes: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (byteLength(rest) > maxBytes) {
    let bytes = 0;
    let fit = 0;
    for (const point of rest) {
      if (bytes + byteLength(point) > maxBytes) break;
      bytes += byteLength(point);
      fit += point.length;
    }
    const space = rest.lastIndexOf(' ', fit - 1);
    const cut = space > 0 ? space + 1 : fit;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') out.push(rest);
  return out;
}

export interface MultilineMessage {
  /** The lines to write: BATCH +ref, the PRIVMSGs, BATCH -ref (tags for the whole message go on the first). */
  readonly lines: readonly string[];
  /** The text a receiver (and our echo) puts together: lines joined by LF, continuations without. */
  readonly text: string;
}

/**
 * The batch for a text of several lines (or one too long for a line), or undefined when it
 * fits in one line or is over the server's limits. `room` is how many text bytes one PRIVMSG takes.
 */
export function multilineMessage(command: 'PRIVMSG' | 'NOTICE', target: string, text: string, room: number, limits: MultilineLimits, ref: string): MultilineMessage | undefined {
  const logical = text.split(/\r\n|\r|\n/).filter((line) => line !== '');
  const parts = logical.map((line) => pieces(line, room));
  const count = parts.reduce((sum, p) => sum + p.length, 0);
  if (count < 2) return undefined;
  const joined = logical.join('\n');
  if (count > limits.maxLines || byteLength(joined) > limits.maxBytes) return undefined;
  const lines = [`BATCH +${ref} draft/multiline ${target}`];
  for (const line of parts) {
    line.forEach((piece, index) => lines.push(`@batch=${ref}${index > 0 ? ';draft/multiline-concat' : ''} ${command} ${target} :${piece}`));
  }
  lines.push(`BATCH -${ref}`);
  return { lines, text: joined };
}

interface OpenBatch {
  readonly start: IrcMessage;
  readonly target: string;
  text: string;
  lines: number;
  first?: IrcMessage;
}

/** Joins incoming draft/multiline batches into one message line. */
export class MultilineJoiner {
  private readonly open = new Map<string, OpenBatch>();

  /**
   * True when the line belongs to a multiline batch and is handled here; at the batch's end
   * `deliver` gets the joined message.
   */
  onLine(message: IrcMessage, deliver: (joined: IrcMessage) => void): boolean {
    if (message.command === 'BATCH') return this.onBatch(message, deliver);
    const reference = message.tags['batch'];
    if (typeof reference !== 'string') return false;
    const batch = this.open.get(reference);
    if (!batch) return false;
    if (message.command !== 'PRIVMSG' && message.command !== 'NOTICE') return true;
    const text = message.params[1] ?? '';
    const concat = message.tags['draft/multiline-concat'] !== undefined;
    batch.text += batch.first === undefined ? text : concat ? text : `\n${text}`;
    batch.first ??= message;
    batch.lines += 1;
    if (batch.lines > MAX_INCOMING_LINES || batch.text.length > MAX_INCOMING_BYTES) this.open.delete(reference);
    return true;
  }

  private onBatch(message: IrcMessage, deliver: (joined: IrcMessage) => void): boolean {
    const [reference = '', type, target = ''] = message.params;
    if (reference.startsWith('+')) {
      // Inside another batch (chathistory), the outer batch's owner reads the lines.
      if (type !== 'draft/multiline' || message.tags['batch'] !== undefined) return false;
      this.open.set(reference.slice(1), { start: message, target, text: '', lines: 0 });
      return true;
    }
    const batch = this.open.get(reference.slice(1));
    if (!reference.startsWith('-') || !batch) return false;
    this.open.delete(reference.slice(1));
    const first = batch.first;
    if (first) {
      const { batch: _ignored, ...tags } = { ...first.tags, ...batch.start.tags };
      deliver({ ...first, params: [batch.target, batch.text], tags });
    }
    return true;
  }

  clear(): void {
    this.open.clear();
  }
}
