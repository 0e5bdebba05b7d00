/**
 * Which server line refuses a message we sent, with echo-message on
 * (https://ircv3.net/specs/extensions/echo-message: a message the server does not accept
 * is not echoed, so only its error can settle it). With labeled-response
 * (https://ircv3.net/specs/extensions/labeled-response) the error carries the label of our
 * line, directly or on the `labeled-response` batch around it; without, the error names
 * the target. Errors are numerics (RFC 2812 §5.2 and common extensions) or a standard
 * reply `FAIL <command> <code> [<context>…] :<description>`
 * (https://ircv3.net/specs/extensions/standard-replies).
 */
import type { IrcMessage } from 'irc-framework';
import { stripFormatting } from './formatting.js';

/**
 * Numerics that refuse a PRIVMSG / NOTICE / TAGMSG, with the target as params[1]:
 * 401 ERR_NOSUCHNICK, 403 ERR_NOSUCHCHANNEL, 404 ERR_CANNOTSENDTOCHAN, 407 ERR_TOOMANYTARGETS,
 * 477 ERR_NEEDREGGEDNICK, 486 ERR_NONONREG, 492 ERR_CANTSENDTOUSER (InspIRCd's +g / CTCP
 * blocks), 531 ERR_CANTSENDTOUSER, 716 ERR_TARGUMODEG (callerid).
 */
const TARGET_REFUSALS = new Set(['401', '403', '404', '407', '477', '486', '492', '531', '716']);
const MESSAGE_COMMANDS = new Set(['PRIVMSG', 'NOTICE', 'TAGMSG']);
/** Labeled-response batches remembered: their lines are replayed after the batch ends. */
const KEPT_BATCHES = 100;

export interface Refusal {
  /** The label of our line, when the server repeated it. */
  readonly label?: string;
  /** The target the error names, when it has no label. */
  readonly target?: string;
  /** The server's reason, in its words. */
  readonly reason: string;
}

export class LabeledBatches {
  private readonly labels = new Map<string, string>();

  /** Follow `BATCH +id labeled-response` lines (the label is a tag of the BATCH line). */
  onRaw(message: IrcMessage): void {
    if (message.command !== 'BATCH' || message.params[1] !== 'labeled-response') return;
    const reference = message.params[0] ?? '';
    const label = message.tags['label'];
    if (!reference.startsWith('+') || typeof label !== 'string') return;
    this.labels.set(reference.slice(1), label);
    if (this.labels.size > KEPT_BATCHES) {
      const oldest = this.labels.keys().next();
      if (!oldest.done) this.labels.delete(oldest.value);
    }
  }

  /** The label a line answers: its own tag, else that of its labeled-response batch. */
  labelOf(tags: Readonly<Record<string, string | true>> | undefined): string | undefined {
    const own = tags?.['label'];
    if (typeof own === 'string') return own;
    const batch = tags?.['batch'];
    return typeof batch === 'string' ? this.labels.get(batch) : undefined;
  }
}

/** The refusal a line stands for, or undefined when it refuses no message. */
export function refusalOf(message: IrcMessage, label: string | undefined): Refusal | undefined {
  const { command, params } = message;
  const isFail = command === 'FAIL';
  if (!isFail && !/^[45]\d\d$/.test(command)) return undefined;
  const reason = stripFormatting(params.at(-1) ?? command);
  if (label !== undefined) return { label, reason };
  if (isFail) {
    // FAIL PRIVMSG <code> <target> :<description>: the context is not standardised; a target is our best guess.
    if (!MESSAGE_COMMANDS.has(params[0] ?? '') || params.length < 4) return undefined;
    return { target: params[2] ?? '', reason };
  }
  if (!TARGET_REFUSALS.has(command)) return undefined;
  return { target: params[1] ?? '', reason };
}
