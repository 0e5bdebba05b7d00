/**
 * Puts the file-backed IndexedDB on `globalThis` for the Rust crypto store, which opens its
 * databases under fixed names: the folder they live in is the one given to
 * {@link withDatabaseFolder} while the store is being opened (one account at a time).
 */
import { FileIdbFactory } from './database.js';
import { KeyRange } from './keys.js';

let factory: FileIdbFactory | undefined;
let folder: string | undefined;
let queue: Promise<unknown> = Promise.resolve();

export function fileIndexedDb(): FileIdbFactory {
  if (!factory) {
    factory = new FileIdbFactory((name) => {
      if (folder === undefined) throw new Error(`IndexedDB database ${name} opened outside withDatabaseFolder`);
      return folder;
    });
    const global = globalThis as Record<string, unknown>;
    // Node has no IndexedDB; a browser-like host that has one keeps its own.
    global['indexedDB'] ??= factory;
    global['IDBKeyRange'] ??= KeyRange;
  }
  return factory;
}

/** Run `work` (which opens databases) with new databases placed in `target`; one at a time. */
export function withDatabaseFolder<T>(target: string, work: () => Promise<T>): Promise<T> {
  fileIndexedDb();
  const run = queue.then(async () => {
    folder = target;
    try {
      return await work();
    } finally {
      folder = undefined;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
