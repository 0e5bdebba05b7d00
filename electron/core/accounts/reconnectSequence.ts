/**
 * What happens, in order, each time an account comes online: its rooms are joined again,
 * then the presence the user set is restored, then the outbox drains. In that order
 * because a message to a room is refused until the room is joined (XEP-0045 §7.4; IRC
 * ERR_CANNOTSENDTOCHAN, RFC 2812 §3.3.1 on +n channels) and because the others in a room
 * should see the user's presence before what they write. Each step is awaited; one that
 * fails is logged and the next still runs (a room that refuses must not hold the outbox).
 * A step that does not finish in its time (a room whose server never answers) is left to
 * finish by itself and the next one runs, so that one silent room cannot hold the outbox.
 * A sequence stops when the account goes offline meanwhile; the next `online` starts a
 * new one, after the old one has stopped, never beside it.
 */

import type { Disposable } from '../lifecycle/disposable.js';

/** How long the outbox waits for the rooms, then for the presence, before it drains anyway. */
export const STEP_WAIT_MS = 30_000;

export interface ReconnectSteps {
  rejoinRooms(accountId: string): Promise<void>;
  restorePresence(accountId: string): Promise<void>;
  drainOutbox(accountId: string): Promise<void>;
}

export class ReconnectSequence implements Disposable {
  /** The clocks of the steps under way, stopped when the core closes. */
  private readonly clocks = new Set<NodeJS.Timeout>();
  /** Per account: bumped when it goes offline, so that a running sequence sees it is stale. */
  private readonly epochs = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly steps: ReconnectSteps,
    private readonly isOnline: (accountId: string) => boolean,
    private readonly log: (line: string) => void,
    private readonly stepWaitMs = STEP_WAIT_MS,
  ) {}

  /** The account came online: runs the steps (after a sequence still running for it). */
  cameOnline(accountId: string): Promise<void> {
    const epoch = this.epochs.get(accountId) ?? 0;
    const previous = this.running.get(accountId) ?? Promise.resolve();
    const run = previous.then(() => this.run(accountId, epoch));
    this.running.set(accountId, run);
    void run.finally(() => {
      if (this.running.get(accountId) === run) this.running.delete(accountId);
    });
    return run;
  }

  wentOffline(accountId: string): void {
    this.epochs.set(accountId, (this.epochs.get(accountId) ?? 0) + 1);
  }

  /** The core is closing: the steps' clocks stop (the accounts' shutdown ends the steps). */
  dispose(): void {
    for (const clock of this.clocks) clearTimeout(clock);
    this.clocks.clear();
  }

  private async run(accountId: string, epoch: number): Promise<void> {
    const steps: readonly [string, (accountId: string) => Promise<void>, boolean][] = [
      ['rejoining rooms', (id) => this.steps.rejoinRooms(id), true],
      ['restoring presence', (id) => this.steps.restorePresence(id), true],
      ['sending the outbox', (id) => this.steps.drainOutbox(id), false],
    ];
    for (const [what, step, bounded] of steps) {
      if ((this.epochs.get(accountId) ?? 0) !== epoch || !this.isOnline(accountId)) return;
      try {
        const finished = await (bounded ? this.within(step(accountId)) : step(accountId).then(() => true));
        if (!finished) this.log(`reconnect of ${accountId}: ${what} is taking longer than ${String(this.stepWaitMs / 1000)} s; going on`);
      } catch (error) {
        this.log(`reconnect of ${accountId}: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** True when `work` finished within the step's time, false when the time ran out first. */
  private async within(work: Promise<void>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.stepWaitMs);
      timer.unref();
      this.clocks.add(timer);
    });
    try {
      return await Promise.race([work.then(() => true as const), timeUp]);
    } finally {
      clearTimeout(timer);
      if (timer) this.clocks.delete(timer);
    }
  }
}
