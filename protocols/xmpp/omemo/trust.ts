/**
 * Trust in OMEMO devices: blind trust before verification (BTBV, as Conversations does it),
 * the fingerprints the user compares to verify, and the shield a message gets (the plugin
 * API's SenderTrust, the same marks Matrix messages carry).
 *
 * BTBV: while the user has verified none of a contact's devices, every device of theirs is
 * trusted blindly and its messages carry no warning. Once one is verified, a device the
 * user has not verified is marked as unverified, and a device whose identity key changed
 * after it was verified says so (until the user verifies the new key).
 */
import type { SenderTrust } from '../../api/index.js';
import type { PeerDevice } from './store.js';

/**
 * A device's fingerprint as Conversations, Gajim and Dino show it: the identity key's 32
 * bytes (without libsignal's 0x05 type byte) in lower-case hex, in groups of eight.
 */
export function fingerprintOf(identityKeyBase64: string): string {
  const key = Buffer.from(identityKeyBase64, 'base64');
  const hex = (key.length === 33 ? key.subarray(1) : key).toString('hex');
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}

/** A fingerprint as the user may type or paste it ("1A2B 3C4D…", with colons): hex only, lower-case. */
export function normalizeFingerprint(text: string): string {
  return text.toLowerCase().replace(/[^0-9a-f]/g, '');
}

export function senderTrustOf(devices: Readonly<Record<string, PeerDevice>>, deviceId: number): SenderTrust {
  const device = devices[String(deviceId)];
  if (!device) return 'unknown-device';
  if (device.trust === 'verified') return 'verified';
  if (device.previousKey !== undefined) return 'identity-changed';
  const anyVerified = Object.values(devices).some((other) => other.trust === 'verified');
  return anyVerified ? 'unverified-device' : 'unverified-identity';
}

/** One line of the device list the user reads (/omemo fingerprints). */
export function deviceLine(deviceId: number, device: PeerDevice, note = ''): string {
  const mark = device.trust === 'verified' ? 'verified'
    : device.previousKey !== undefined ? 'its key CHANGED since you verified it: compare again' : 'trusted blindly (not verified)';
  return `${deviceId}${note}: ${fingerprintOf(device.identityKey)} — ${mark}`;
}
