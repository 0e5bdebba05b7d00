/**
 * The app's SecretStore: each secret encrypted with Electron's safeStorage (the OS
 * keychain's key) and the ciphertexts kept in one owner-only JSON file in userData.
 * It never stores plaintext: when the keychain is unavailable, or on Linux when
 * safeStorage fell back to its hard-coded "basic_text" key, `set` throws instead.
 *
 * safeStorage is injected (SafeStorageLike), so the store is tested in plain Node.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from '../core/secrets/secretStore.js';
import { parseSecretsFile, serializeSecretsFile } from '../core/secrets/secretsFile.js';

/** The parts of Electron's safeStorage the store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageSecretStoreOptions {
  readonly filePath: string;
  readonly safeStorage: SafeStorageLike;
  /** Defaults to process.platform. */
  readonly platform?: NodeJS.Platform;
}

/** Thrown instead of ever writing a secret in the clear. */
export class SecretStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}

export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { filePath, safeStorage } = options;
  const platform = options.platform ?? process.platform;
  let loaded: Map<string, string> | undefined;
  // Writes one after another, so two `set`s never race on the file.
  let queue: Promise<unknown> = Promise.resolve();

  const assertEncryption = (): void => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new SecretStoreUnavailableError('The OS keychain is not available, so Switchboard will not store passwords (it never stores them in plain text).');
    }
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new SecretStoreUnavailableError(
        'No desktop keyring (GNOME Keyring / KWallet) was found, so Switchboard will not store passwords: the fallback would be readable by anyone with the file.',
      );
    }
  };

  const load = async (): Promise<Map<string, string>> => {
    if (loaded) return loaded;
    try {
      loaded = parseSecretsFile(await readFile(filePath, 'utf8'), filePath, 'safeStorage');
    } catch (error: unknown) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
      loaded = new Map();
    }
    return loaded;
  };

  const save = async (secrets: Map<string, string>): Promise<void> => {
    await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
    // Write a fresh 0600 file and rename it over the old one: never a half-written store,
    // never a moment with looser permissions.
    const temp = `${filePath}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, serializeSecretsFile('safeStorage', secrets), { mode: 0o600, flag: 'wx' });
      await rename(temp, filePath);
    } catch (error: unknown) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  };

  const serialized = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    async open(): Promise<undefined> {
      await load();
      return undefined;
    },

    async get(key: string): Promise<string | undefined> {
      const encoded = (await load()).get(key);
      if (encoded === undefined) return undefined;
      assertEncryption();
      try {
        return safeStorage.decryptString(Buffer.from(encoded, 'base64'));
      } catch (error: unknown) {
        throw new SecretStoreUnavailableError(`The stored secret "${key}" could not be decrypted (was the OS keychain reset?): ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    set(key: string, value: string): Promise<void> {
      return serialized(async () => {
        assertEncryption();
        const encrypted = safeStorage.encryptString(value).toString('base64');
        const next = new Map(await load());
        next.set(key, encrypted);
        await save(next);
        loaded = next;
      });
    },

    delete(key: string): Promise<void> {
      return serialized(async () => {
        const current = await load();
        if (!current.has(key)) return;
        const next = new Map(current);
        next.delete(key);
        await save(next);
        loaded = next;
      });
    },
  };
}
