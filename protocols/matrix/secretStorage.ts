/**
 * The secret storage key (spec §Secret storage, `m.secret_storage.v1.aes-hmac-sha2`; what
 * Element calls the recovery key) while this connection runs: held in memory only, never
 * written to disk or to the account's settings. The SDK asks for it through
 * `cryptoCallbacks` whenever it reads or writes a secret (cross-signing keys, the key
 * backup's key); it is there once the user created it or entered it.
 */
import type { CryptoCallbacks } from 'matrix-js-sdk/lib/crypto-api/index.js';
import type { SecretStorageKeyDescription } from 'matrix-js-sdk/lib/secret-storage.js';

export class SecretStorageKeys {
  private held: { readonly keyId: string; readonly key: Uint8Array } | undefined;

  /** For `createClient({ cryptoCallbacks })`. */
  readonly callbacks: CryptoCallbacks = {
    getSecretStorageKey: ({ keys }: { keys: Record<string, SecretStorageKeyDescription> }) => {
      const held = this.held;
      return Promise.resolve(held !== undefined && held.keyId in keys ? [held.keyId, held.key] : null);
    },
    // A key the SDK just created (bootstrapSecretStorage): the one it will ask for next.
    cacheSecretStorageKey: (keyId: string, _info: SecretStorageKeyDescription, key: Uint8Array) => {
      this.hold(keyId, key);
    },
  };

  hold(keyId: string, key: Uint8Array): void {
    this.held = { keyId, key: Uint8Array.from(key) };
  }

  holds(keyId: string): boolean {
    return this.held?.keyId === keyId;
  }

  /** Forget the key (on disconnect). */
  clear(): void {
    this.held?.key.fill(0);
    this.held = undefined;
  }
}
