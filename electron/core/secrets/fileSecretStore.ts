import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import type { SecretStore } from './secretStore.js';
import { parseSecretsFile, SecretsFileError, serializeSecretsFile } from './secretsFile.js';

/**
 * Headless mode's secret store: a JSON file readable by its owner only (mode 0600),
 * rewritten atomically. It is not encrypted (there is no OS keychain to hold a key),
 * which {@link FILE_SECRET_STORE_WARNING} tells the user at start-up.
 *
 * Nothing is cached: every read and every write starts from the file, so a change made
 * meanwhile (by hand, or a file deleted) is never overwritten with a stale copy.
 */
export class FileSecretStore implements SecretStore {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  /**
   * Refuses the desktop app's file. A damaged file is renamed to
   * `secrets.json.corrupt-<time>` (kept for the user, never parsed again) and the store
   * starts empty: the accounts then ask for their passwords instead of failing forever.
   */
  async open(): Promise<string | undefined> {
    try {
      await this.read();
      return undefined;
    } catch (error) {
      if (!(error instanceof SecretsFileError) || error.problem !== 'damaged') throw error;
      const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.file, aside);
      return `The secret store ${this.file} was damaged (${error.detail}) and was moved to ${aside}: passwords must be entered again (Edit account).`;
    }
  }

  async get(key: string): Promise<string | undefined> {
    await this.writing.catch(() => undefined);
    return (await this.read()).get(key);
  }

  set(key: string, value: string): Promise<void> {
    return this.change((secrets) => {
      secrets.set(key, value);
      return true;
    });
  }

  delete(key: string): Promise<void> {
    return this.change((secrets) => secrets.delete(key));
  }

  private async read(): Promise<Map<string, string>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    return parseSecretsFile(text, this.file, 'plaintext');
  }

  /** Changes are serialized so that two quick ones cannot interleave. */
  private change(apply: (secrets: Map<string, string>) => boolean): Promise<void> {
    const result = this.writing.catch(() => undefined).then(async () => {
      const secrets = await this.read();
      if (!apply(secrets)) return;
      const temporary = `${this.file}.tmp`;
      await writeFile(temporary, serializeSecretsFile('plaintext', secrets), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, this.file);
    });
    this.writing = result;
    return result;
  }
}

export const FILE_SECRET_STORE_WARNING =
  'Headless mode keeps account passwords in an unencrypted file readable only by you: ';
