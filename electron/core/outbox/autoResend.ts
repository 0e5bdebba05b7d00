/**
 * Which of the user's messages go back to the outbox by themselves when they fail in
 * flight. Only where a resend cannot show the message twice: when nothing of it went out
 * (the error's `notSent`: the plugin refused it before writing anything, or never wrote
 * what it held, e.g. while its session was being resumed), or, for a network failure of a
 * message handed over and not confirmed, where the conversation is `resendSafe`. And only
 * a few times per message, so that a message that breaks the connection every time, or
 * that a plugin keeps refusing while the core counts the account usable, ends up failed
 * in front of the user instead of looping. Files are not resent: the outbox holds no copy
 * of them (MessageService.sendFile sends them only while the account is connected).
 */
import type { CoreErrorData } from '../model/coreError.js';
import type { Message } from '../model/message.js';

/** Automatic resends of one message before it is left failed. */
export const MAX_AUTOMATIC_RESENDS = 3;

export class AutoResend {
  private readonly resends = new Map<number, number>();

  constructor(
    /** True when the message's conversation declares `resendSafe`. */
    private readonly resendSafe: (message: Message) => boolean,
    private readonly maxResends = MAX_AUTOMATIC_RESENDS,
  ) {}

  /**
   * Decides for a message that was in flight and failed with `error`; counts the resend it
   * allows. A message not sent while the account is not ready is not counted: it waits for
   * the account like one written offline, and the next refusal while ready is counted.
   */
  shouldRequeue(message: Message, error: CoreErrorData | undefined, accountReady: boolean): boolean {
    if (message.direction !== 'out' || (message.attachments?.length ?? 0) > 0) return false;
    if (error?.notSent === true) {
      // Also when already failed: a plugin reports its lost session before it answers the
      // send under way, so the core may have failed this attempt as unconfirmed just before
      // the answer proves it sent nothing.
      return (message.status === 'sending' || message.status === 'failed') && (!accountReady || this.count(message.id));
    }
    if (message.status !== 'sending' || error?.kind !== 'network' || !this.resendSafe(message)) return false;
    return this.count(message.id);
  }

  /** The message was confirmed (or removed): its count starts over if it is ever sent again. */
  settled(messageId: number): void {
    this.resends.delete(messageId);
  }

  /** True while the message has automatic resends left; counts this one. */
  private count(messageId: number): boolean {
    const done = this.resends.get(messageId) ?? 0;
    if (done >= this.maxResends) {
      this.resends.delete(messageId);
      return false;
    }
    this.resends.set(messageId, done + 1);
    return true;
  }
}
