/**
 * How far the device that sent a message in an encrypted room can be trusted (spec
 * §End-to-End Encryption, §Device verification; the shields of Element, from the crypto's
 * `getEncryptionInfoForEvent`).
 */
import type { SenderTrust } from '../api/index.js';
import { EventShieldColour, EventShieldReason, type CryptoApi } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { MatrixEvent, Room } from 'matrix-js-sdk';
import { EV, typeOf } from './names.js';
import type { AccountState } from './state.js';

/** What the shield says, where it says more than "look at the device". */
const BY_REASON: Partial<Record<EventShieldReason, SenderTrust>> = {
  [EventShieldReason.AUTHENTICITY_NOT_GUARANTEED]: 'unauthenticated',
  [EventShieldReason.MISMATCHED_SENDER_KEY]: 'unauthenticated',
  [EventShieldReason.UNKNOWN]: 'unauthenticated',
  [EventShieldReason.UNKNOWN_DEVICE]: 'unknown-device',
  [EventShieldReason.SENT_IN_CLEAR]: 'unencrypted',
  [EventShieldReason.VERIFICATION_VIOLATION]: 'identity-changed',
};

/**
 * Whether the user verified the device whose Curve25519 key decrypted the event. The shield
 * alone does not tell: without cross-signing (verification here is per device, by SAS) a
 * device the user verified is still "not verified by its owner".
 */
async function deviceVerified(crypto: CryptoApi, sender: string, senderKey: string | null): Promise<boolean> {
  if (senderKey === null) return false;
  const devices = (await crypto.getUserDeviceInfo([sender])).get(sender);
  const device = [...devices?.values() ?? []].find((candidate) => candidate.getIdentityKey() === senderKey);
  if (!device) return false;
  return (await crypto.getDeviceVerificationStatus(sender, device.deviceId))?.isVerified() === true;
}

/**
 * The trust of a message event (already decrypted, if it could be) in an encrypted room;
 * undefined in a room without encryption, or when it could not be decrypted.
 */
export async function senderTrustOf(state: AccountState, room: Room, event: MatrixEvent): Promise<SenderTrust | undefined> {
  const crypto = state.client.getCrypto();
  const sender = event.getSender();
  if (!crypto || sender === undefined || event.isDecryptionFailure()) return undefined;
  if (!event.isEncrypted()) return room.hasEncryptionStateEvent() ? 'unencrypted' : undefined;
  const info = await crypto.getEncryptionInfoForEvent(event);
  if (!info) return undefined;
  const warning = info.shieldReason !== null && info.shieldColour !== EventShieldColour.NONE ? BY_REASON[info.shieldReason] : undefined;
  if (warning) return warning;
  if (await deviceVerified(crypto, sender, event.getSenderKey())) return 'verified';
  // No warning from the crypto: the device is signed by its owner, whose identity is unverified.
  return info.shieldColour === EventShieldColour.NONE ? 'unverified-identity' : 'unverified-device';
}

/** Only messages carry a trust (state, reactions and redactions do not): worth asking the crypto for. */
export function carriesTrust(event: MatrixEvent): boolean {
  return typeOf(event) === EV.message || typeOf(event) === EV.sticker;
}
