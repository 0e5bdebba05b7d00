/**
 * No message stays `sending` forever. A plugin that takes a message and never confirms or
 * fails it (a network that swallowed it, a plugin bug) would leave it with a spinner for
 * good: once handed over, each message gets a deadline, after which the outbox treats it
 * as lost by the network (failed and retryable, or resent where that cannot double it:
 * autoResend.ts). The deadline is in memory: a message still `sending` when the core stops
 * is handled at the next start (OutboxService.failInterruptedSends).
 */

/** Generous: a busy server or a slow link confirms well within it. */
export const DEFAULT_SEND_DEADLINE_MS = 2 * 60_000;

export class SendDeadline {
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    /** Called once per expired message; the caller checks it is still `sending`. */
    private readonly expired: (messageId: number) => void,
    readonly deadlineMs = DEFAULT_SEND_DEADLINE_MS,
  ) {}

  /** The message was handed to its plugin: start (or restart) its clock. */
  arm(messageId: number): void {
    this.disarm(messageId);
    const timer = setTimeout(() => {
      this.timers.delete(messageId);
      this.expired(messageId);
    }, this.deadlineMs);
    timer.unref();
    this.timers.set(messageId, timer);
  }

  /** The network settled the message (confirmed, failed, taken back): its clock stops. */
  disarm(messageId: number): void {
    clearTimeout(this.timers.get(messageId));
    this.timers.delete(messageId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** The reason shown on a message whose network never answered, in words. */
export function deadlineReason(deadlineMs: number): string {
  const minutes = deadlineMs / 60_000;
  const seconds = Math.max(1, Math.round(deadlineMs / 1000));
  const span = minutes >= 1 && Number.isInteger(minutes) ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `The network did not confirm this message within ${span}. Retry to send it again.`;
}
