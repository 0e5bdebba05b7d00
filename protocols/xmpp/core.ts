/**
 * What every feature module of the XMPP connection shares: the account, the session to
 * send on, emitting events, and small bookkeeping (known direct conversations, our wire ids).
 */
import type { ConnectionContext, PluginLogger, ProtocolEvent } from '../api/index.js';
import type { Outgoing } from './stream/streamManagement.js';
import type { Element } from './xml.js';

export interface XmppCore {
  readonly context: ConnectionContext;
  readonly log: PluginLogger;
  /** Our bare JID (lower-case): our id in events. */
  readonly selfBare: string;
  /** Our full JID as bound, or '' before binding. */
  selfFull(): string;
  emit(event: ProtocolEvent): void;
  /** Send a stanza (see XmppSession.send); rejects with a ProtocolError. */
  send(element: Element, tracking?: Omit<Outgoing, 'element'>): Promise<void>;
  /** Send an iq and wait for its result; rejects with a ProtocolError that says what failed. */
  iq(element: Element, what: string, timeoutMs?: number): Promise<Element>;
  /** Our message ids on the wire (XEP-0359 origin-id) for a core localId, and back. */
  readonly wireIds: WireIds;
  /** Announce a direct conversation (once per session) before its first message. */
  ensureDirect(jid: string): void;
  /** A contact's name from the roster, else the JID's local part. */
  nameOf(jid: string): string;
}

/**
 * XEP-0359 §4 wants origin-ids unique; the core's localIds are only unique in one
 * profile. The wire id is `sb.<tag>.<localId>` with a random tag per account and
 * installation, so it is unique, and our own echoes (MUC reflection, MAM) map back.
 */
export class WireIds {
  constructor(private readonly tag: string) {}

  fromLocal(localId: string): string {
    return `sb.${this.tag}.${localId}`;
  }

  /** The core's localId when `wireId` is one of ours, else undefined. */
  toLocal(wireId: string | undefined): string | undefined {
    const prefix = `sb.${this.tag}.`;
    return wireId?.startsWith(prefix) ? wireId.slice(prefix.length) : undefined;
  }
}

