/**
 * The mark beside a message from an end-to-end encrypted conversation, saying how far its
 * sending device is trusted: Element's shields (a warning where something is off, nothing
 * where the crypto sees nothing to say), plus a mark for a device the user verified.
 */
import type { MessageView, SenderTrustView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export interface TrustMark {
  /** verified: the user verified the device; warning: a reason to doubt who sent it; notice: a weaker doubt. */
  readonly tone: 'verified' | 'warning' | 'notice';
  /** The accessible name: a few words. */
  readonly label: string;
  /** The tooltip: what it means and what to do. */
  readonly explanation: string;
}

type MarkKind = Exclude<SenderTrustView, 'unverified-identity'>;

const TONES: Readonly<Record<MarkKind, TrustMark['tone']>> = {
  'verified': 'verified',
  'unverified-device': 'warning',
  'unknown-device': 'warning',
  'unauthenticated': 'notice',
  'identity-changed': 'warning',
  'unencrypted': 'warning',
};

/** The mark of one kind, its words in the UI's language (catalogue trustMarks.*). */
function markOf(kind: MarkKind): TrustMark {
  return { tone: TONES[kind], label: i18n.t(`trustMarks.${kind}.label`), explanation: i18n.t(`trustMarks.${kind}.explanation`) };
}

/** The mark to show beside a message, or null when there is nothing to say. */
export function trustMark(message: Pick<MessageView, 'senderTrust' | 'deleted' | 'undecryptable'>): TrustMark | null {
  const trust = message.senderTrust;
  // A device signed by its owner, whose identity the user has not verified, is what Element shows no shield for.
  if (trust === undefined || trust === 'unverified-identity' || message.deleted === true || message.undecryptable === true) return null;
  return markOf(trust);
}
