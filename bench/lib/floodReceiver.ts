/** A flood receiver of the flood part (bench/parts/flood.ts): started, joined, then timed to the END line. */
import type { BenchIrcServer } from './ircServer.js';

/** The channel every flood goes to. */
export const FLOOD_CHANNEL = '#bench';

/** A receiver in its flood-ready state: joined, waiting. */
export interface Armed {
  readonly pid: number;
  /** Resolves with the monotonic ms at which the END line was stored/seen. */
  waitEnd(count: number, timeoutMs: number): Promise<number>;
  /** How many flood lines it had when it gave up (for a timeout note). */
  progress(): number;
  stop(): Promise<void>;
}

export interface Receiver {
  readonly name: string;
  readonly packages?: readonly string[];
  /** Start and join; resolves once the sender saw it join (plus what the client needs to settle). */
  arm(server: BenchIrcServer, nick: string, joined: (nick: string) => Promise<void>): Promise<Armed>;
}
