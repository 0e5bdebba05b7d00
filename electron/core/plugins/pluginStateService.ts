/**
 * Serves plugins' `context.storage` and `context.secrets`: storage goes to the database,
 * secrets to the secret store (their names to the database, so that removing the account
 * removes them). Requests come from untrusted workers and are checked.
 */
import { accountSecretKey, type SecretStore } from '../secrets/secretStore.js';
import type { PluginStateRepository } from '../store/pluginStateRepository.js';
import type { StorageRequest } from './workerProtocol.js';

const MAX_KEY_LENGTH = 256;
const MAX_VALUE_BYTES = 8 * 1024 * 1024;

export class PluginStateService {
  constructor(
    private readonly repository: PluginStateRepository,
    private readonly secrets: SecretStore,
    private readonly accountExists: (accountId: string) => boolean,
  ) {}

  async handle(accountId: string, request: StorageRequest): Promise<unknown> {
    if (!this.accountExists(accountId)) throw new Error('The account no longer exists.');
    if (typeof request.key !== 'string' || request.key === '' || request.key.length > MAX_KEY_LENGTH) {
      throw new Error(`Storage keys must be 1–${MAX_KEY_LENGTH} characters.`);
    }
    if (request.area === 'secrets') return this.secret(accountId, request);
    switch (request.op) {
      case 'get': return this.repository.get(accountId, request.key);
      case 'delete': this.repository.delete(accountId, request.key); return undefined;
      case 'set': {
        const json = JSON.stringify(request.value ?? null);
        if (json.length > MAX_VALUE_BYTES) throw new Error(`A stored value may be at most ${MAX_VALUE_BYTES} bytes.`);
        this.repository.set(accountId, request.key, request.value);
        return undefined;
      }
    }
  }

  /** Deletes every secret the account's plugin stored. */
  async forget(accountId: string): Promise<void> {
    for (const key of this.repository.listSecretKeys(accountId)) {
      await this.secrets.delete(pluginSecretKey(accountId, key));
    }
  }

  private async secret(accountId: string, request: StorageRequest): Promise<unknown> {
    const key = pluginSecretKey(accountId, request.key);
    switch (request.op) {
      case 'get': return this.secrets.get(key);
      case 'delete':
        await this.secrets.delete(key);
        this.repository.noteSecret(accountId, request.key, false);
        return undefined;
      case 'set':
        if (typeof request.value !== 'string') throw new Error('A secret must be a string.');
        await this.secrets.set(key, request.value);
        this.repository.noteSecret(accountId, request.key, true);
        return undefined;
    }
  }
}

function pluginSecretKey(accountId: string, key: string): string {
  return accountSecretKey(accountId, `plugin:${key}`);
}
