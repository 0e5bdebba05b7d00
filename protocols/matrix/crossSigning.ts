/**
 * Cross-signing (spec §Cross-signing): the account's master key signs its self-signing key,
 * which signs each of the user's own devices, and its user-signing key, which signs the
 * master keys of the people the user verified. Trust then follows: a device signed by the
 * self-signing key of a verified user is trusted without being verified one by one. Also
 * flags, in words, a user whose identity (master key) changed after it was verified.
 */
import { ProtocolError } from '../api/index.js';
import { MatrixError, type AuthDict, type UIAuthCallback } from 'matrix-js-sdk';
import { CryptoEvent, type CryptoApi, type UserVerificationStatus } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { toProtocolError } from './errors.js';
import { displayNameOf } from './rooms.js';
import type { AccountState } from './state.js';

function notice(state: AccountState, text: string): void {
  state.emit({ type: 'server.notice', text, timestamp: Date.now() });
}

export function cryptoOf(state: AccountState): CryptoApi {
  const crypto = state.client.getCrypto();
  if (!crypto) throw new ProtocolError('not-supported', 'Encryption is not available on this connection.');
  return crypto;
}

/** The User-Interactive Authentication session of a 401 answer (§User-Interactive Authentication API). */
function uiaSessionOf(error: unknown): string | undefined {
  if (!(error instanceof MatrixError) || error.httpStatus !== 401) return undefined;
  const session: unknown = error.data['session'];
  return typeof session === 'string' ? session : '';
}

/**
 * Uploading cross-signing keys may need the password again (§Uploading cross-signing keys:
 * UIA; a homeserver lets the first upload through without it, MSC3967). The password is the
 * account's own, as stored for logging in.
 */
export function passwordAuth(state: AccountState): UIAuthCallback<void> {
  return async (makeRequest) => {
    let session: string | undefined;
    try {
      await makeRequest(null);
      return;
    } catch (error: unknown) {
      session = uiaSessionOf(error);
      if (session === undefined) throw error;
    }
    const password = state.settings.password;
    if (password === undefined) {
      throw new ProtocolError('auth', 'The homeserver asks for your password to set up cross-signing: enter it in the account settings, then try again.');
    }
    const auth: AuthDict = {
      type: 'm.login.password', identifier: { type: 'm.id.user', user: state.selfId }, password,
      ...(session !== '' ? { session } : {}),
    };
    await makeRequest(auth);
  };
}

/**
 * Make sure the account has cross-signing keys and that this device is signed by them:
 * creates them for an account that has none, takes them from secret storage when they are
 * there and the key to it is held (see secretStorage.ts).
 */
export async function bootstrapCrossSigning(state: AccountState): Promise<void> {
  const crypto = cryptoOf(state);
  try {
    // Our own public identity first (a /keys/query): keys taken from secret storage are
    // checked against it, and a fresh device may not have asked yet.
    await crypto.userHasCrossSigningKeys(state.selfId, true);
    await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: passwordAuth(state) });
  } catch (error: unknown) {
    throw toProtocolError(error, 'set up cross-signing');
  }
}

/** What an identity change means to the user, or undefined when nothing the user must know changed. */
export function identityWarning(name: string, status: UserVerificationStatus): string | undefined {
  if (status.wasCrossSigningVerified() && !status.isCrossSigningVerified()) {
    return `⚠️ ${name}'s identity changed since you verified them: their encryption keys were reset, or someone else is using their account. Verify them again before you trust new messages.`;
  }
  if (status.needsUserApproval) {
    return `⚠️ ${name}'s identity changed: their encryption keys were reset, or someone else is using their account. Check with them before you trust new messages.`;
  }
  return undefined;
}

/**
 * Follow the trust of the users we share encrypted rooms with: an identity change is said
 * in words, and `changed` runs for every user whose trust changed (their devices' shields).
 */
export function watchIdentities(state: AccountState, changed: (userId: string) => void): void {
  state.client.on(CryptoEvent.UserTrustStatusChanged, (userId: string, status: UserVerificationStatus) => {
    void state.guard('trust change', () => {
      const name = userId === state.selfId ? 'Your own account' : displayNameOf(state, userId);
      const warning = identityWarning(name, status);
      if (warning !== undefined) notice(state, warning);
      changed(userId);
    });
  });
}
