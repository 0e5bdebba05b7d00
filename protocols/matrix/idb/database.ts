/**
 * IDBDatabase and IDBFactory (W3C Indexed Database API 3.0, §4.3, §4.4) over databases that
 * live in files: each database is one file under a folder chosen when it is opened, written
 * (atomically, by rename) shortly after every transaction that changed it, and on demand.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { compareKeys, checkKey } from './keys.js';
import { DatabaseData, StoreData } from './records.js';
import { domError, DomStringList, fire, IdbOpenRequest, makeEvent, type IdbEvent } from './requests.js';
import { IdbTransaction } from './transaction.js';

type Handler = ((event: IdbEvent) => void) | null;

const WRITE_DELAY_MS = 25;

/** One database file: its data, the open connections, the transactions waiting or running. */
class DatabaseFile {
  readonly connections = new Set<DatabaseConnection>();
  private readonly running = new Set<IdbTransaction>();
  private readonly waiting: IdbTransaction[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  /** Set once released: the file is written no more (a later open reads it afresh). */
  private detached = false;

  constructor(readonly file: string, readonly data: DatabaseData) {}

  static load(file: string, name: string): DatabaseFile {
    if (!existsSync(file)) return new DatabaseFile(file, new DatabaseData(name));
    const saved = deserialize(readFileSync(file)) as { version: number; stores: { name: string; indexes: StoreData['indexes'] extends Map<string, infer M> ? M[] : never; records: StoreData['records'] }[] };
    const data = new DatabaseData(name, saved.version);
    for (const store of saved.stores) {
      const loaded = new StoreData(store.name, store.records);
      for (const index of store.indexes) loaded.indexes.set(index.name, index);
      data.stores.set(store.name, loaded);
    }
    return new DatabaseFile(file, data);
  }

  schedule(transaction: IdbTransaction): void {
    this.waiting.push(transaction);
    this.startWaiting();
  }

  private conflicts(transaction: IdbTransaction, other: IdbTransaction): boolean {
    if (transaction.mode === 'versionchange' || other.mode === 'versionchange') return true;
    if (transaction.mode === 'readonly' && other.mode === 'readonly') return false;
    return transaction.scope.some((name) => other.scope.includes(name));
  }

  private startWaiting(): void {
    const blocked: IdbTransaction[] = [];
    for (const transaction of this.waiting.splice(0)) {
      const clash = [...this.running, ...blocked].some((other) => this.conflicts(transaction, other));
      if (clash) {
        blocked.push(transaction);
      } else {
        this.running.add(transaction);
        transaction.start();
      }
    }
    this.waiting.push(...blocked);
  }

  finished(transaction: IdbTransaction): void {
    this.running.delete(transaction);
    const at = this.waiting.indexOf(transaction);
    if (at >= 0) this.waiting.splice(at, 1);
    this.startWaiting();
  }

  changed(): void {
    if (this.detached) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  /** Write the file one last time and let go of it. */
  detach(): void {
    this.flush();
    this.detached = true;
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty || this.detached) return;
    this.dirty = false;
    const stores = [...this.data.stores.values()].map((store) => ({ name: store.name, indexes: [...store.indexes.values()], records: store.records }));
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize({ version: this.data.version, stores }), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}

export class DatabaseConnection {
  onversionchange: Handler = null;
  onclose: Handler = null;
  onabort: Handler = null;
  onerror: Handler = null;
  closed = false;

  constructor(private readonly file: DatabaseFile) {}

  get data(): DatabaseData {
    return this.file.data;
  }

  get name(): string {
    return this.file.data.name;
  }

  get version(): number {
    return this.file.data.version;
  }

  get objectStoreNames(): DomStringList {
    return DomStringList.fromNames(this.file.data.stores.keys());
  }

  /** Set while an upgrade runs: createObjectStore and deleteObjectStore are allowed then only. */
  upgrade: IdbTransaction | undefined;

  createObjectStore(name: string, options: { keyPath?: unknown; autoIncrement?: boolean } = {}): unknown {
    if (!this.upgrade) throw domError('InvalidStateError', 'Object stores are created in an upgrade.');
    if (this.file.data.stores.has(name)) throw domError('ConstraintError', `Object store ${name} exists.`);
    if ((options.keyPath !== undefined && options.keyPath !== null) || options.autoIncrement === true) {
      throw domError('NotSupportedError', 'This IndexedDB supports out-of-line keys only.');
    }
    this.file.data.stores.set(name, new StoreData(name));
    return this.upgrade.objectStore(name);
  }

  deleteObjectStore(name: string): void {
    if (!this.upgrade) throw domError('InvalidStateError', 'Object stores are deleted in an upgrade.');
    if (!this.file.data.stores.delete(name)) throw domError('NotFoundError', `No object store named ${name}.`);
  }

  transaction(storeNames: string | readonly string[], mode: 'readonly' | 'readwrite' = 'readonly'): IdbTransaction {
    if (this.closed) throw domError('InvalidStateError', 'The database connection is closed.');
    const scope = typeof storeNames === 'string' ? [storeNames] : [...storeNames];
    for (const name of scope) if (!this.file.data.stores.has(name)) throw domError('NotFoundError', `No object store named ${name}.`);
    const transaction = new IdbTransaction(this, scope, mode);
    this.file.schedule(transaction);
    return transaction;
  }

  /** Used by the open request: the upgrade transaction, scheduled like any other. */
  versionChange(): IdbTransaction {
    const transaction = new IdbTransaction(this, [...this.file.data.stores.keys()], 'versionchange');
    this.upgrade = transaction;
    this.file.schedule(transaction);
    return transaction;
  }

  finished(transaction: IdbTransaction): void {
    if (this.upgrade === transaction) this.upgrade = undefined;
    this.file.finished(transaction);
  }

  changed(): void {
    this.file.changed();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.connections.delete(this);
    this.file.flush();
  }
}

/** IDBFactory; `folderFor(name)` says where a database opened now lives. */
export class FileIdbFactory {
  private readonly files = new Map<string, DatabaseFile>();

  constructor(private readonly folderFor: (name: string) => string) {}

  private fileOf(name: string): DatabaseFile {
    const file = path.join(this.folderFor(name), `${encodeURIComponent(name)}.idb`);
    let database = this.files.get(file);
    if (!database) {
      database = DatabaseFile.load(file, name);
      this.files.set(file, database);
    }
    return database;
  }

  open(name: string, version?: number): IdbOpenRequest {
    const request = new IdbOpenRequest();
    let database: DatabaseFile;
    try {
      database = this.fileOf(name);
    } catch (error: unknown) {
      setImmediate(() => request.fail(domError('UnknownError', `Could not read database ${name}: ${String(error)}`)));
      return request;
    }
    setImmediate(() => {
      const current = database.data.version;
      const wanted = version ?? Math.max(current, 1);
      if (wanted < current) {
        request.fail(domError('VersionError', `Database ${name} is at version ${current}, newer than ${wanted}.`));
        return;
      }
      const connection = new DatabaseConnection(database);
      database.connections.add(connection);
      if (wanted === current) {
        request.succeed(connection);
        return;
      }
      const upgrade = connection.versionChange();
      database.data.version = wanted;
      request.result = connection;
      request.transaction = upgrade;
      request.readyState = 'done';
      upgrade.whenSettled((committed) => {
        request.transaction = null;
        if (committed) {
          request.succeed(connection);
        } else {
          database.connections.delete(connection);
          request.fail(domError('AbortError', 'The upgrade was aborted.'));
        }
      });
      fire(request.onupgradeneeded, makeEvent('upgradeneeded', request, { oldVersion: current, newVersion: wanted }));
    });
    return request;
  }

  deleteDatabase(name: string): IdbOpenRequest {
    const request = new IdbOpenRequest();
    const database = this.fileOf(name);
    this.files.delete(database.file);
    setImmediate(() => {
      const oldVersion = database.data.version;
      rmSync(database.file, { force: true });
      request.result = undefined;
      request.readyState = 'done';
      fire(request.onsuccess, makeEvent('success', request, { oldVersion, newVersion: null }));
    });
    return request;
  }

  cmp(a: unknown, b: unknown): number {
    return compareKeys(checkKey(a), checkKey(b));
  }

  databases(): Promise<{ name: string; version: number }[]> {
    return Promise.resolve([...this.files.values()].map((file) => ({ name: file.data.name, version: file.data.version })));
  }

  /** Write every changed database now (before the process or the account goes away). */
  flushAll(): void {
    for (const file of this.files.values()) file.flush();
  }

  /**
   * Write and forget the databases under a folder (the account disconnected and its store
   * was closed): the next open reads them from disk.
   */
  release(folder: string): void {
    for (const [key, file] of [...this.files]) {
      if (!key.startsWith(folder + path.sep)) continue;
      file.detach();
      this.files.delete(key);
    }
  }
}
