/**
 * The mark beside a message from an end-to-end encrypted conversation, saying how far its
 * sending device is trusted: Element's shields (a warning where something is off, nothing
 * where the crypto sees nothing to say), plus a mark for a device the user verified.
 */
import type { MessageView, SenderTrustView } from '../../electron/bridge/schemas.js';

export interface TrustMark {
  /** verified: the user verified the device; warning: a reason to doubt who sent it; notice: a weaker doubt. */
  readonly tone: 'verified' | 'warning' | 'notice';
  /** The accessible name: a few words. */
  readonly label: string;
  /** The tooltip: what it means and what to do. */
  readonly explanation: string;
}

const MARKS: Readonly<Record<Exclude<SenderTrustView, 'unverified-identity'>, TrustMark>> = {
  'verified': { tone: 'verified', label: 'Verified device', explanation: 'Encrypted by a device you verified.' },
  'unverified-device': {
    tone: 'warning', label: 'Unverified device',
    explanation: 'Encrypted by a device that neither its owner nor you verified. Compare emoji with the sender (/verify) to be sure it is them.',
  },
  'unknown-device': { tone: 'warning', label: 'Unknown device', explanation: 'Encrypted by an unknown or deleted device.' },
  'unauthenticated': {
    tone: 'notice', label: 'Authenticity not guaranteed',
    explanation: 'The authenticity of this encrypted message can\'t be guaranteed on this device: its key was forwarded or restored from a backup.',
  },
  'identity-changed': {
    tone: 'warning', label: 'Sender\'s identity changed', explanation: 'The sender was verified before, and their identity has changed since.',
  },
  'unencrypted': { tone: 'warning', label: 'Not encrypted', explanation: 'Sent unencrypted, in an encrypted conversation: others may have read or changed it.' },
};

/** The mark to show beside a message, or null when there is nothing to say. */
export function trustMark(message: Pick<MessageView, 'senderTrust' | 'deleted' | 'undecryptable'>): TrustMark | null {
  const trust = message.senderTrust;
  // A device signed by its owner, whose identity the user has not verified, is what Element shows no shield for.
  if (trust === undefined || trust === 'unverified-identity' || message.deleted === true || message.undecryptable === true) return null;
  return MARKS[trust];
}
