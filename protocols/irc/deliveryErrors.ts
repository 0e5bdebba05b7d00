/**
 * The server's answer to a message nobody received: ERR_NOSUCHNICK (401, the nick is not
 * on the network, e.g. they are reconnecting) and ERR_CANNOTSENDTOCHAN (404, moderated or
 * +n channel). Where the refusal can be tied to one message (pingFence.ts), that message is
 * marked failed with it; otherwise (e.g. a bouncer that answers PING itself) the user is told
 * in the conversation itself, as Pidgin and HexChat do, that a message did not arrive.
 */
import type { IncomingMessage } from '../api/index.js';
import type { IrcMessage } from 'irc-framework';
import { stripFormatting } from './formatting.js';
import type { NameRules } from './names.js';

const DELIVERY_ERRORS = new Set(['401', '404']);
/** An error about a target we wrote to this recently is about that message. */
const RECENT_MS = 60_000;
/** At most one such line per conversation this often, however many messages bounced. */
const QUIET_MS = 10_000;
/** Targets remembered; older ones are dropped first. */
const MAX_TARGETS = 1_000;

export type DeliveryVerdict =
  /** Not about a message of ours: the caller shows it as any other server error. */
  | { readonly ours: false }
  /** About a message of ours; `line` is what to show in its conversation (absent: already said). */
  | { readonly ours: true; readonly line?: IncomingMessage };

export class DeliveryErrors {
  constructor(private readonly names: NameRules) {}

  private readonly lastWritten = new Map<string, number>();
  private readonly lastTold = new Map<string, number>();

  /** A message to `target` (nick or channel) was written to the server. */
  written(target: string, now = Date.now()): void {
    const key = this.names.fold(target);
    this.lastWritten.delete(key); // re-inserted last: the Map stays in write order
    this.lastWritten.set(key, now);
    if (this.lastWritten.size > MAX_TARGETS) {
      const oldest = this.lastWritten.keys().next().value;
      if (oldest !== undefined) {
        this.lastWritten.delete(oldest);
        this.lastTold.delete(oldest);
      }
    }
  }

  judge(message: IrcMessage, now = Date.now()): DeliveryVerdict {
    const refusal = deliveryRefusal(message);
    if (!refusal) return { ours: false };
    const key = this.names.fold(refusal.target);
    const written = this.lastWritten.get(key);
    if (written === undefined || now - written > RECENT_MS) return { ours: false };
    const told = this.lastTold.get(key);
    if (told !== undefined && now - told < QUIET_MS) return { ours: true };
    this.lastTold.set(key, now);
    return {
      ours: true,
      line: { conversationId: key, senderId: key, senderName: stripFormatting(refusal.target), kind: 'event', timestamp: now, body: refusal.text },
    };
  }
}

/** A server's refusal of a message: the target it names and what to tell the user, in words. */
export interface DeliveryRefusal {
  readonly target: string;
  readonly text: string;
}

/** The refusal a 401 or 404 reply states; undefined for any other line. */
export function deliveryRefusal(message: IrcMessage): DeliveryRefusal | undefined {
  if (!DELIVERY_ERRORS.has(message.command)) return undefined;
  const target = message.params[1] ?? '';
  const reason = stripFormatting(message.params[2] ?? (message.command === '401' ? 'No such nick' : 'Cannot send to channel'));
  const name = stripFormatting(target);
  return {
    target,
    text: message.command === '401'
      ? `${name} did not get your message (${reason}): they are not on the network, and IRC keeps nothing for later.`
      : `${name} did not get your message (${reason}).`,
  };
}
