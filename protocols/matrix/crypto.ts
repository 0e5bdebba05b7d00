/**
 * End-to-end encryption with the Rust crypto (spec §End-to-End Encryption; matrix-js-sdk
 * `initRustCrypto`, its WASM loaded from node_modules, offline). Its store is IndexedDB,
 * which Node lacks: it lives in files under the account's data folder (idb/), one folder
 * per device, encrypted with a random key kept with `context.secrets`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionContext } from '../api/index.js';
import { Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import type { MatrixClient } from 'matrix-js-sdk';
import { fileIndexedDb, withDatabaseFolder } from './idb/install.js';
import { describeError } from './state.js';

const KEY_SECRET = 'cryptoStoreKey';

/**
 * `initRustCrypto` installs the WASM's tracing layer at debug level and turns it on, which
 * writes every store step to the console. Turning it on turns it off here (the class is
 * the one the SDK uses: one module instance).
 */
function silenceWasmTracing(): void {
  Tracing.prototype.turnOn = function turnOn(this: Tracing): void {
    this.turnOff();
  };
}

/** Where one device's crypto store lives. */
export function cryptoFolder(context: ConnectionContext, deviceId: string): string {
  return path.join(context.dataDir, 'crypto', deviceId.replace(/[^A-Za-z0-9_-]/g, '_'));
}

async function storeKey(context: ConnectionContext, folder: string): Promise<Uint8Array> {
  const saved = await context.secrets.get(KEY_SECRET);
  if (saved !== undefined) {
    const key = Buffer.from(saved, 'base64');
    if (key.length === 32) return new Uint8Array(key);
  }
  // A store whose key is gone cannot be read: start it afresh.
  rmSync(folder, { recursive: true, force: true });
  const key = randomBytes(32);
  await context.secrets.set(KEY_SECRET, key.toString('base64'));
  return new Uint8Array(key);
}

/** Remove the stores of other (logged out, replaced) devices of this account. */
function removeOtherDevices(folder: string): void {
  const parent = path.dirname(folder);
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    const other = path.join(parent, entry);
    if (other !== folder) rmSync(other, { recursive: true, force: true });
  }
}

/**
 * Start the Rust crypto for this device. Returns false (and the account works without
 * encryption) if it cannot start; a store that does not fit this device is started afresh.
 */
export async function startCrypto(context: ConnectionContext, client: MatrixClient, deviceId: string): Promise<boolean> {
  silenceWasmTracing();
  const folder = cryptoFolder(context, deviceId);
  removeOtherDevices(folder);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const storageKey = await storeKey(context, folder);
      await withDatabaseFolder(folder, () => client.initRustCrypto({ storageKey }));
      return true;
    } catch (error: unknown) {
      context.log.warn(`Matrix: the encryption store could not be opened (${describeError(error)}); ${attempt === 0 ? 'starting it afresh' : 'continuing without encryption'}.`);
      fileIndexedDb().release(folder);
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return false;
}

/** Write the crypto store to disk now (on disconnect; it is written shortly after each change anyway). */
export function flushCrypto(context: ConnectionContext, deviceId: string): void {
  fileIndexedDb().release(cryptoFolder(context, deviceId));
}
