/**
 * Recovery: secret storage (spec §Secret storage) and server-side key backup (§Server-side
 * key backups, `m.megolm_backup.v1.curve25519-aes-sha2`). `/recovery setup` creates the
 * cross-signing keys, a recovery key, the secret store and a new key backup, and shows the
 * recovery key once; `/recovery <key>` on another device unlocks the secret store with it,
 * takes the cross-signing keys (this device becomes signed) and restores the room keys
 * from the backup, so older encrypted history decrypts here too. An optional passphrase
 * (`/recovery setup <passphrase>`) derives the key (§Deriving keys from passphrases, PBKDF2)
 * and can be typed instead of the key.
 */
import { ProtocolError } from '../api/index.js';
import { decodeRecoveryKey, deriveRecoveryKeyFromPassphrase } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { PassphraseInfo, SecretStorageKeyDescription } from 'matrix-js-sdk/lib/secret-storage.js';
import { bootstrapCrossSigning, cryptoOf } from './crossSigning.js';
import { toProtocolError } from './errors.js';
import type { SecretStorageKeys } from './secretStorage.js';
import { describeError, type AccountState } from './state.js';

export const RECOVERY_KEY_REQUEST = 'recovery-key';

function notice(state: AccountState, text: string): void {
  state.emit({ type: 'server.notice', text, timestamp: Date.now() });
}

/**
 * Show the new recovery key once, as a request the user closes (requests are not kept in
 * the history, unlike notices): the only place it is shown in the clear.
 */
function showRecoveryKey(state: AccountState, key: string): void {
  const request = {
    id: RECOVERY_KEY_REQUEST, kind: 'other' as const,
    title: 'Your recovery key: write it down or save it somewhere safe. It is shown only this once; with it, a new device can read your encrypted history.',
    detail: key, choices: [{ id: 'saved', label: 'I have saved it' }],
  };
  state.requests.set(request.id, {
    request,
    answer: () => {
      state.requests.delete(request.id);
      state.emit({ type: 'request.closed', requestId: request.id });
      return Promise.resolve();
    },
  });
  state.emit({ type: 'request.raised', request });
}

/** `/recovery setup [passphrase]`: cross-signing, a recovery key, secret storage and a new key backup. */
export async function setUpRecovery(state: AccountState, keys: SecretStorageKeys, passphrase?: string): Promise<void> {
  const crypto = cryptoOf(state);
  const existing = await state.client.secretStorage.getDefaultKeyId().catch(() => null);
  if (existing !== null && !keys.holds(existing)) {
    throw new ProtocolError('protocol', 'Recovery is already set up for this account (on another device): enter your recovery key instead (/recovery <key>).');
  }
  await bootstrapCrossSigning(state);
  let created: string | undefined;
  try {
    await crypto.bootstrapSecretStorage({
      setupNewSecretStorage: existing === null,
      setupNewKeyBackup: true,
      createSecretStorageKey: async () => {
        const key = await crypto.createRecoveryKeyFromPassphrase(passphrase);
        created = key.encodedPrivateKey;
        return key;
      },
    });
    await crypto.checkKeyBackupAndEnable();
  } catch (error: unknown) {
    throw toProtocolError(error, 'set up recovery');
  }
  notice(state, '🔐 Recovery is set up: your cross-signing keys are in secret storage and your room keys are backed up on the homeserver.');
  if (created !== undefined) showRecoveryKey(state, created);
}

/**
 * How the key was derived from a passphrase, if it was: the SDK's type says it always is,
 * but a key made without one (Element's default) has no `passphrase` in its account data.
 */
function passphraseOf(info: SecretStorageKeyDescription): PassphraseInfo | undefined {
  const value: unknown = Reflect.get(info, 'passphrase');
  if (typeof value !== 'object' || value === null) return undefined;
  const { algorithm, salt, iterations, bits } = value as Record<string, unknown>;
  if (algorithm !== 'm.pbkdf2' || typeof salt !== 'string' || typeof iterations !== 'number') return undefined;
  return { algorithm, salt, iterations, ...(typeof bits === 'number' ? { bits } : {}) };
}

/**
 * The key from what the user typed: the recovery key (spaces and line breaks between its
 * groups do not matter), else the passphrase, when the key was made from one.
 */
async function keyFromTyped(typed: string, info: SecretStorageKeyDescription): Promise<Uint8Array> {
  try {
    return decodeRecoveryKey(typed.replace(/\s+/g, ''));
  } catch {
    const derivation = passphraseOf(info);
    if (!derivation) {
      throw new ProtocolError('protocol', 'That is not a recovery key: it should be 48 letters and digits in groups of four, as shown when recovery was set up.');
    }
    return deriveRecoveryKeyFromPassphrase(typed, derivation.salt, derivation.iterations, derivation.bits);
  }
}

/** `/recovery <key>`: unlock secret storage, take the cross-signing keys and restore the key backup. */
export async function enterRecoveryKey(state: AccountState, keys: SecretStorageKeys, typed: string): Promise<void> {
  const crypto = cryptoOf(state);
  const storage = state.client.secretStorage;
  const found = await storage.getKey().catch(() => null);
  if (!found) throw new ProtocolError('protocol', 'This account has no recovery set up yet: set it up first (/recovery setup).');
  const [keyId, info] = found;
  const key = await keyFromTyped(typed, info);
  if (!await storage.checkKey(key, info)) {
    const what = passphraseOf(info) ? 'recovery key or passphrase' : 'recovery key';
    throw new ProtocolError('protocol', `That ${what} does not fit this account's secret storage. Check it and try again.`);
  }
  keys.hold(keyId, key);
  key.fill(0);
  // Take the cross-signing keys from secret storage; this device becomes signed by them.
  await bootstrapCrossSigning(state);
  let restored = 0;
  try {
    if (await crypto.getKeyBackupInfo()) {
      await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
      await crypto.checkKeyBackupAndEnable();
      restored = (await crypto.restoreKeyBackup()).imported;
    }
  } catch (error: unknown) {
    notice(state, `⚠️ The recovery key was accepted, but the key backup could not be restored: ${describeError(error)}`);
    return;
  }
  notice(state, `🔐 Recovery key accepted: this device is now cross-signed, and ${restored} message key${restored === 1 ? '' : 's'} were restored from the backup.`);
}

/** `/recovery setup [passphrase]` or `/recovery <key or passphrase>`. */
export function runRecovery(state: AccountState, keys: SecretStorageKeys, args: string): Promise<void> {
  const typed = args.trim();
  if (typed === '') return Promise.reject(new ProtocolError('protocol', 'Usage: /recovery setup [passphrase], or /recovery <your recovery key or passphrase>'));
  const [first = '', ...rest] = typed.split(/\s+/);
  if (first.toLowerCase() !== 'setup') return enterRecoveryKey(state, keys, typed);
  const passphrase = typed.slice(first.length).trim();
  return setUpRecovery(state, keys, rest.length > 0 && passphrase !== '' ? passphrase : undefined);
}
