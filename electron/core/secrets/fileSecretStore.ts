import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import type { SecretStore } from './secretStore.js';

/**
 * Headless mode's secret store: a JSON file readable by its owner only (mode 0600),
 * rewritten atomically. It is not encrypted (there is no OS keychain to hold a key),
 * which {@link FILE_SECRET_STORE_WARNING} tells the user at start-up.
 */
export class FileSecretStore implements SecretStore {
  private cache: Map<string, string> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.load()).get(key);
  }

  async set(key: string, value: string): Promise<void> {
    (await this.load()).set(key, value);
    await this.persist();
  }

  async delete(key: string): Promise<void> {
    if ((await this.load()).delete(key)) await this.persist();
  }

  private async load(): Promise<Map<string, string>> {
    if (this.cache) return this.cache;
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      const entries = typeof parsed === 'object' && parsed !== null ? Object.entries(parsed) : [];
      this.cache = new Map(entries.filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.cache = new Map();
    }
    return this.cache;
  }

  /** Writes are serialized so that two quick changes cannot interleave. */
  private persist(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries(this.cache ?? []));
    this.writing = this.writing.then(async () => {
      const temporary = `${this.file}.tmp`;
      await writeFile(temporary, snapshot, { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, this.file);
    });
    return this.writing;
  }
}

export const FILE_SECRET_STORE_WARNING =
  'Headless mode keeps account passwords in an unencrypted file readable only by you: ';
