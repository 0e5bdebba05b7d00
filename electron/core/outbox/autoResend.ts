/**
 * Which of the user's messages go back to the outbox by themselves when the connection
 * loses them. Only where a resend cannot show the message twice (the conversation's
 * `resendSafe` capability), only for a network failure of a message that was handed over
 * and not confirmed, and only a few times per message, so that a message that breaks the
 * connection every time ends up failed in front of the user instead of looping.
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

  /** Decides for a message that was in flight and failed with `error`; counts the resend it allows. */
  shouldRequeue(message: Message, error: CoreErrorData | undefined): boolean {
    if (message.direction !== 'out' || message.status !== 'sending' || error?.kind !== 'network') return false;
    if (!this.resendSafe(message)) return false;
    const done = this.resends.get(message.id) ?? 0;
    if (done >= this.maxResends) {
      this.resends.delete(message.id);
      return false;
    }
    this.resends.set(message.id, done + 1);
    return true;
  }

  /** The message was confirmed (or removed): its count starts over if it is ever sent again. */
  settled(messageId: number): void {
    this.resends.delete(messageId);
  }
}
