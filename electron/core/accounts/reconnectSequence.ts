/**
 * What happens, in order, each time an account comes online: its rooms are joined again,
 * then the presence the user set is restored, then the outbox drains. In that order
 * because a message to a room is refused until the room is joined (XEP-0045 §7.4; IRC
 * ERR_CANNOTSENDTOCHAN, RFC 2812 §3.3.1 on +n channels) and because the others in a room
 * should see the user's presence before what they write. Each step is awaited; one that
 * fails is logged and the next still runs (a room that refuses must not hold the outbox).
 * A sequence stops when the account goes offline meanwhile; the next `online` starts a
 * new one, after the old one has stopped, never beside it.
 */

export interface ReconnectSteps {
  rejoinRooms(accountId: string): Promise<void>;
  restorePresence(accountId: string): Promise<void>;
  drainOutbox(accountId: string): Promise<void>;
}

export class ReconnectSequence {
  /** Per account: bumped when it goes offline, so that a running sequence sees it is stale. */
  private readonly epochs = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly steps: ReconnectSteps,
    private readonly isOnline: (accountId: string) => boolean,
    private readonly log: (line: string) => void,
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

  /** Resolves once every sequence under way has ended (the core is closing). */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  private async run(accountId: string, epoch: number): Promise<void> {
    const steps: readonly [string, (accountId: string) => Promise<void>][] = [
      ['rejoining rooms', (id) => this.steps.rejoinRooms(id)],
      ['restoring presence', (id) => this.steps.restorePresence(id)],
      ['sending the outbox', (id) => this.steps.drainOutbox(id)],
    ];
    for (const [what, step] of steps) {
      if ((this.epochs.get(accountId) ?? 0) !== epoch || !this.isOnline(accountId)) return;
      try {
        await step(accountId);
      } catch (error) {
        this.log(`reconnect of ${accountId}: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
