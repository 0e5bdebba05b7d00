/**
 * Tells the others when the user types (XEP-0085 chat states, IRCv3 +typing, Matrix
 * m.typing): "active" at most once per {@link ACTIVE_REFRESH_MS} while typing, "paused"
 * after {@link PAUSE_AFTER_MS} without a keystroke, "done" when the text is sent, cleared,
 * or the composer loses focus.
 */
export type OwnTypingState = 'active' | 'paused' | 'done';

export const ACTIVE_REFRESH_MS = 3000;
export const PAUSE_AFTER_MS = 5000;

export interface TypingNotifierOptions {
  readonly send: (state: OwnTypingState) => void;
  /** The clock and timers; tests hand in fakes. */
  readonly now?: () => number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

export interface TypingNotifier {
  /** The draft changed; `hasText` is whether anything is left in it. */
  input(hasText: boolean): void;
  /** The message was sent, or the composer lost focus. */
  stop(): void;
  /** The composer goes away: like stop, and no timer is left behind. */
  dispose(): void;
}

export function createTypingNotifier(options: TypingNotifierOptions): TypingNotifier {
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number): unknown => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown): void => { clearTimeout(handle as ReturnType<typeof setTimeout>); });
  let state: OwnTypingState = 'done';
  let lastActiveAt = Number.NEGATIVE_INFINITY;
  let idleTimer: unknown = null;

  const clearIdle = (): void => {
    if (idleTimer !== null) clearTimer(idleTimer);
    idleTimer = null;
  };
  const set = (next: OwnTypingState): void => {
    state = next;
    options.send(next);
  };
  const stop = (): void => {
    clearIdle();
    if (state !== 'done') set('done');
  };

  return {
    input: (hasText) => {
      if (!hasText) {
        stop();
        return;
      }
      const time = now();
      if (state !== 'active' || time - lastActiveAt >= ACTIVE_REFRESH_MS) {
        lastActiveAt = time;
        set('active');
      }
      clearIdle();
      idleTimer = setTimer(() => {
        idleTimer = null;
        if (state === 'active') set('paused');
      }, PAUSE_AFTER_MS);
    },
    stop,
    dispose: stop,
  };
}
