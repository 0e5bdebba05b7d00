/**
 * What a plugin author provides to run the conformance kit against their plugin and its
 * real server: a module whose default export is a {@link ConformanceHarness}. Everything
 * here is protocol-neutral: settings are whatever the plugin's manifest fields are.
 */
import type { AccountFieldValue } from '../index.js';

/** An account's settings, keyed by the plugin's account field keys. */
export type AccountSettings = Readonly<Record<string, AccountFieldValue>>;

/** A started server and the accounts that work on it. */
export interface ConformanceServer {
  /** Two distinct accounts that can both be online at the same time. */
  readonly accounts: readonly [AccountSettings, AccountSettings];
  /**
   * An account on the same server whose credentials the server refuses. Absent for a
   * network without logins (XEP-0174 link-local chat): that scenario is then reported as not
   * applicable. Since 0.6.
   */
  readonly badCredentials?: AccountSettings;
  /**
   * An account pointing at a host/port where nothing answers (e.g. a closed port). Absent
   * for a network without a server to reach: that scenario is then not applicable. Since 0.6.
   */
  readonly unreachable?: AccountSettings;
  /** A room both accounts may join, as a user would type it in the join dialog; absent for a network without rooms (since 0.6). */
  readonly room?: string;
  /** Stop the server and remove its data. */
  stop(): Promise<void>;
}

/** The default export of a harness module (`switchboard-plugin-check <plugin> --harness <module>`). */
export interface ConformanceHarness {
  /** Shown in the report, e.g. "IRC on ngIRCd". */
  readonly name: string;
  /** Start a fresh real server (called once, before the scenarios) and say which accounts work on it. */
  startServer(): Promise<ConformanceServer>;
  /** True when the server gives every message a network id (IRCv3 msgid, stanza-id, event id). */
  readonly serverProvidesMessageIds: boolean;
  /** How long any single expected event may take (default 10 s). */
  readonly eventTimeoutMs?: number;
}

/** Identity function that gives a harness module's default export its type. */
export function defineHarness(harness: ConformanceHarness): ConformanceHarness {
  return harness;
}
