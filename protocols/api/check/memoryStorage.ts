/** In-memory stand-ins for the core's per-account plugin storage and secrets. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginSecrets, PluginStorage } from '../index.js';

export interface AccountPersistence {
  readonly storage: PluginStorage;
  readonly secrets: PluginSecrets;
  readonly dataDir: string;
}

/**
 * One account's durable state. Pass the same object to a second TestAccount to simulate
 * an app restart: the new connection finds what the old one stored.
 */
export function createMemoryPersistence(): AccountPersistence {
  const values = new Map<string, string>();
  const secrets = new Map<string, string>();
  return {
    storage: {
      get: (key) => Promise.resolve(values.has(key) ? JSON.parse(values.get(key) ?? 'null') as unknown : undefined),
      set: (key, value) => { values.set(key, JSON.stringify(value)); return Promise.resolve(); },
      delete: (key) => { values.delete(key); return Promise.resolve(); },
    },
    secrets: {
      get: (key) => Promise.resolve(secrets.get(key)),
      set: (key, value) => { secrets.set(key, value); return Promise.resolve(); },
      delete: (key) => { secrets.delete(key); return Promise.resolve(); },
    },
    dataDir: mkdtempSync(join(tmpdir(), 'switchboard-plugin-data-')),
  };
}
