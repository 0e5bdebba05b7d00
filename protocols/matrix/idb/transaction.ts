/**
 * IDBTransaction (W3C Indexed Database API 3.0, §2.7 Transactions, §4.9): requests run in
 * order, each result delivered as its own task; the transaction commits by itself once a
 * task passes with no request pending. Overlapping read-write transactions run one after
 * another; an abort restores the stores it touched.
 */
import type { DatabaseConnection } from './database.js';
import type { DatabaseData, StoreData } from './records.js';
import { domError, DomStringList, fire, makeEvent, type IdbEvent, IdbRequest } from './requests.js';
import { IdbObjectStore } from './store.js';

type Mode = 'readonly' | 'readwrite' | 'versionchange';
type Handler = ((event: IdbEvent) => void) | null;

interface Operation {
  readonly request: IdbRequest;
  /** Runs against the data and returns the result; throws a DOMException to fail the request. */
  readonly run: () => unknown;
}

export class IdbTransaction {
  oncomplete: Handler = null;
  onerror: Handler = null;
  onabort: Handler = null;
  error: DOMException | null = null;
  state: 'waiting' | 'active' | 'finished' = 'waiting';
  private readonly operations: Operation[] = [];
  private running = false;
  private readonly touched = new Map<string, StoreData>();
  private dbSnapshot: DatabaseData | undefined;
  changed = false;
  /** Internal listeners (the open request waits for its upgrade), apart from the page's handlers. */
  private readonly settled: ((committed: boolean) => void)[] = [];

  constructor(readonly db: DatabaseConnection, readonly scope: readonly string[], readonly mode: Mode) {}

  get objectStoreNames(): DomStringList {
    return DomStringList.fromNames(this.mode === 'versionchange' ? this.db.data.stores.keys() : this.scope);
  }

  get durability(): string {
    return 'default';
  }

  objectStore(name: string): IdbObjectStore {
    if (this.state === 'finished') throw domError('InvalidStateError', 'The transaction has finished.');
    if (this.mode !== 'versionchange' && !this.scope.includes(name)) throw domError('NotFoundError', `No object store ${name} in this transaction.`);
    if (!this.db.data.stores.has(name)) throw domError('NotFoundError', `No object store named ${name}.`);
    return new IdbObjectStore(this, name);
  }

  /** Call `listener` once the transaction commits (true) or aborts (false). */
  whenSettled(listener: (committed: boolean) => void): void {
    this.settled.push(listener);
  }

  /** Called by the database's scheduler when no conflicting transaction is running. */
  start(): void {
    this.state = 'active';
    if (this.mode === 'versionchange') this.dbSnapshot = this.db.data.snapshot();
    this.pump();
  }

  /** Remember a store's records before the first write, to restore them on abort. */
  willWrite(store: StoreData): void {
    if (this.mode === 'readonly') throw domError('ReadOnlyError', 'The transaction is read-only.');
    this.changed = true;
    if (!this.touched.has(store.name)) this.touched.set(store.name, store.snapshot());
  }

  /** Place a request; its operation runs in order, in a later task. */
  place(source: unknown, run: () => unknown, request?: IdbRequest): IdbRequest {
    if (this.state === 'finished') throw domError('TransactionInactiveError', 'The transaction has finished.');
    const placed = request ?? new IdbRequest(source, this);
    placed.readyState = 'pending';
    this.operations.push({ request: placed, run });
    this.pump();
    return placed;
  }

  private pump(): void {
    if (this.running || this.state !== 'active') return;
    this.running = true;
    setImmediate(() => this.step());
  }

  private step(): void {
    this.running = false;
    if (this.state !== 'active') return;
    const operation = this.operations.shift();
    if (!operation) {
      this.commit();
      return;
    }
    let result: unknown;
    try {
      result = operation.run();
    } catch (thrown: unknown) {
      const error = thrown instanceof DOMException ? thrown : domError('UnknownError', thrown instanceof Error ? thrown.message : String(thrown));
      const handled = operation.request.fail(error);
      if (!handled) {
        fire(this.onerror, makeEvent('error', operation.request));
        this.abort(error);
        return;
      }
      this.pump();
      return;
    }
    operation.request.succeed(result);
    this.pump();
  }

  commit(): void {
    if (this.state === 'finished') return;
    if (this.operations.length > 0) {
      this.pump();
      return;
    }
    this.state = 'finished';
    if (this.changed || this.mode === 'versionchange') this.db.changed();
    this.db.finished(this);
    fire(this.oncomplete, makeEvent('complete', this));
    for (const listener of this.settled.splice(0)) listener(true);
  }

  abort(error: DOMException | null = null): void {
    if (this.state === 'finished') return;
    this.state = 'finished';
    this.error = error ?? domError('AbortError', 'The transaction was aborted.');
    if (this.dbSnapshot) this.db.data.restore(this.dbSnapshot);
    for (const [name, snapshot] of this.touched) {
      const store = this.db.data.stores.get(name);
      if (store) store.records = snapshot.records;
    }
    for (const pending of this.operations.splice(0)) pending.request.fail(domError('AbortError', 'The transaction was aborted.'));
    this.db.finished(this);
    fire(this.onabort, makeEvent('abort', this));
    for (const listener of this.settled.splice(0)) listener(false);
  }

  addEventListener(type: string, listener: (event: IdbEvent) => void): void {
    if (type === 'complete') this.oncomplete = listener;
    else if (type === 'error') this.onerror = listener;
    else if (type === 'abort') this.onabort = listener;
  }
}
