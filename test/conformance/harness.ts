/**
 * What a plugin author provides to run the conformance suite against their plugin and
 * its real server. Everything here is protocol-neutral: settings are whatever the
 * plugin's manifest fields are.
 */
import type { AccountFieldValue, ProtocolPlugin } from '../../protocols/api/index.js';

/** An account's settings, keyed by the plugin's account field keys. */
export type AccountSettings = Readonly<Record<string, AccountFieldValue>>;

/** A started server and the accounts that work on it. */
export interface ConformanceServer {
  /** Two distinct accounts that can both be online at the same time. */
  readonly accounts: readonly [AccountSettings, AccountSettings];
  /** An account on the same server whose credentials the server refuses. */
  readonly badCredentials: AccountSettings;
  /** An account pointing at a host/port where nothing answers (e.g. a closed port). */
  readonly unreachable: AccountSettings;
  /** A room both accounts may join, as a user would type it in the join dialog. */
  readonly room: string;
  /** Stop the server and remove its data. */
  stop(): Promise<void>;
}

export interface ConformanceHarness {
  /** Shown in the test names, e.g. "IRC on ngIRCd". */
  readonly name: string;
  readonly plugin: ProtocolPlugin;
  /** Start a fresh real server (called once, before the scenarios). */
  startServer(): Promise<ConformanceServer>;
  /** True when the server gives every message a network id (IRCv3 msgid, stanza-id, event id). */
  readonly serverProvidesMessageIds: boolean;
  /** How long any single expected event may take (default 10 s). */
  readonly eventTimeoutMs?: number;
}
