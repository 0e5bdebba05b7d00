/** What every benchmark part gets: the sizes of this run, where to write, and the results. */
import type { Figure } from './report.js';

export interface Sizes {
  readonly name: 'full' | 'quick' | 'smoke';
  /** History: messages, accounts, conversations, the big conversation's messages. */
  readonly messages: number;
  readonly accounts: number;
  readonly conversations: number;
  readonly bigConversation: number;
  readonly searchQueries: number;
  /** Flood sizes, each with how many runs per receiver. */
  readonly floods: readonly { readonly messages: number; readonly runs: number }[];
  readonly members: number;
  readonly roster: number;
  readonly rosterGroups: number;
  readonly rosterOnline: number;
  /** Repetitions of the login/join/open measurements. */
  readonly runs: number;
  /** Seconds of scrolling in the UI part. */
  readonly scrollSeconds: number;
  /** Message events in the one batch the state part applies to the renderer's stores. */
  readonly stateEvents: number;
  /** Seconds the idle part samples the core's CPU for, with three connected accounts and nothing happening. */
  readonly idleSeconds: number;
  /**
   * Seconds the idle part waits after the logins (and after the bare core's start) before it
   * samples: join bursts, first syncs and avatar fetches finish. The smoke run only proves the
   * part runs and measures, so it waits 1 s instead of 10 s (twice).
   */
  readonly idleSettleSeconds: number;
  /**
   * The soak (issue 18): seconds of mixed traffic on three networks, at `soakRate` messages
   * a second (2M in 30 minutes: 1,111/s), the core's RSS and open descriptors sampled every
   * `soakSampleSeconds`; the first sixth of the run is the warm-up.
   */
  readonly soakSeconds: number;
  readonly soakRate: number;
  readonly soakSampleSeconds: number;
}

export const SIZES: Readonly<Record<Sizes['name'], Sizes>> = {
  full: {
    name: 'full', messages: 1_000_000, accounts: 3, conversations: 500, bigConversation: 100_000, searchQueries: 200,
    floods: [{ messages: 20_000, runs: 3 }, { messages: 100_000, runs: 2 }],
    members: 20_000, roster: 5_000, rosterGroups: 50, rosterOnline: 100, runs: 3, scrollSeconds: 5, stateEvents: 10_000, idleSeconds: 120, idleSettleSeconds: 10,
    soakSeconds: 1800, soakRate: 1111, soakSampleSeconds: 10,
  },
  quick: {
    name: 'quick', messages: 20_000, accounts: 3, conversations: 50, bigConversation: 5_000, searchQueries: 60,
    floods: [{ messages: 2_000, runs: 1 }, { messages: 20_000, runs: 1 }],
    members: 1_000, roster: 300, rosterGroups: 10, rosterOnline: 10, runs: 1, scrollSeconds: 2, stateEvents: 10_000, idleSeconds: 20, idleSettleSeconds: 10,
    soakSeconds: 180, soakRate: 1111, soakSampleSeconds: 3,
  },
  smoke: {
    name: 'smoke', messages: 2_000, accounts: 3, conversations: 10, bigConversation: 500, searchQueries: 14,
    floods: [{ messages: 200, runs: 1 }],
    members: 30, roster: 20, rosterGroups: 3, rosterOnline: 2, runs: 1, scrollSeconds: 1, stateEvents: 300, idleSeconds: 3, idleSettleSeconds: 1,
    soakSeconds: 6, soakRate: 300, soakSampleSeconds: 0.5,
  },
};

export interface BenchContext {
  readonly sizes: Sizes;
  /** test-output/bench */
  readonly outDir: string;
  readonly log: (line: string) => void;
  readonly add: (figure: Figure) => void;
  /** Raw samples and settings of a part, kept in the JSON. */
  readonly detail: (part: string, key: string, value: unknown) => void;
  /** Resources kept between parts (servers, the history profile), closed at the end. */
  readonly shared: Map<string, unknown>;
  readonly onClose: (cleanup: () => Promise<void>) => void;
}
