/**
 * Runs one plugin in its own runtime (a worker thread, or a sandboxed process for a
 * third-party plugin: runtime/pluginRuntime.ts) and supervises it the same way for both: a
 * runtime that crashes or exits is restarted with backoff; one that crashes too often is
 * disabled. Calls are
 * async, carry plain data, and time out. The core above sees only events and errors.
 * The worker runs only while an account needs it (connectionDemand.ts): it is stopped
 * when idle and started again by the next connection.
 */
import type { AccountFieldValue, ConnectionArgs, ConnectionResult, PluginManifest, ProtocolErrorData, ProtocolEvent } from '../../../protocols/api/index.js';
import { checkConnectionResult } from '../../../protocols/api/validation/index.js';
import { IngestMeter } from '../diagnostics/ingestMeter.js';
import { ConnectionDemand } from './connectionDemand.js';
import { PluginCallError } from './pluginCallError.js';
import { ResourceHistory } from './runtime/resourceHistory.js';
import type { PluginRuntime, ResourceSample, SandboxGrant, SandboxSpawner } from './runtime/pluginRuntime.js';
import { startWorkerRuntime } from './runtime/workerRuntime.js';
import type { ConnectionMethod, CoreToWorker, StorageRequest, WorkerToCore } from './workerProtocol.js';

export type PluginHostState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'running'; readonly manifest: PluginManifest }
  /** Stopped because no account needs it; the next connection starts it again. */
  | { readonly kind: 'idle'; readonly manifest: PluginManifest }
  | { readonly kind: 'crashed'; readonly error: ProtocolErrorData; readonly restartAt: number }
  | { readonly kind: 'disabled'; readonly error: ProtocolErrorData };

export interface PluginHostListener {
  events(items: readonly { accountId: string; event: ProtocolEvent }[]): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, accountId?: string): void;
  /** The worker started (again): connections must be created anew. */
  stateChanged(state: PluginHostState): void;
  /** A connection reads or writes its durable storage or secrets. */
  storage(accountId: string, request: StorageRequest): Promise<unknown>;
}

export interface PluginHostOptions {
  /** The plugin's entry module. */
  readonly entry: string;
  /** The built pluginWorker.js. */
  readonly workerEntry: string;
  /** Heap limit of the worker. */
  readonly maxHeapMb?: number;
  /**
   * Young-generation size of the worker. V8's default (48 MB) is reached during any flood
   * or roster download and stays resident afterwards, per worker; 16 MB costs a few more
   * scavenges and keeps that growth to a third.
   */
  readonly maxYoungMb?: number;
  /** Crashes within {@link crashWindowMs} after which the plugin is disabled. */
  readonly maxCrashes?: number;
  readonly crashWindowMs?: number;
  readonly startTimeoutMs?: number;
  /** How often the worker is pinged, and how long it may take to answer before it counts as hung. */
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTimeoutMs?: number;
  /** How long a worker that no account needs keeps running before it is stopped. */
  readonly idleStopMs?: number;
  /** A third-party plugin: run it in a sandboxed process with this grant, started by `spawnSandboxed`. */
  readonly sandbox?: { readonly grant: SandboxGrant; readonly spawn: SandboxSpawner };
  /** Counts the worker's busy time and the delivery of its events (the flood benchmark's stages). */
  readonly meter?: IngestMeter;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: PluginCallError): void;
  timer: NodeJS.Timeout;
}

export class PluginHost {
  private worker: PluginRuntime | undefined;
  private state: PluginHostState = { kind: 'starting' };
  private nextCallId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private crashTimes: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readyWaiters: { resolve(manifest: PluginManifest): void; reject(error: Error): void }[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private lastPing = { id: 0, sentAt: 0, answered: true };
  private readonly demand: ConnectionDemand;
  private violations = 0;
  private readonly resources = new ResourceHistory();

  private get meter(): IngestMeter {
    return this.options.meter ?? IngestMeter.off;
  }

  constructor(private readonly options: PluginHostOptions, private readonly listener: PluginHostListener) {
    this.demand = new ConnectionDemand(options.idleStopMs ?? 30_000, () => this.idle());
  }

  get currentState(): PluginHostState {
    return this.state;
  }

  /**
   * Times the plugin sent something for an account that is not its own, or quoted another
   * account's ids (pluginEventScope.ts): a buggy or hostile plugin, for the user to see.
   */
  get violationCount(): number {
    return this.violations;
  }

  recordViolation(): void {
    this.violations++;
  }

  /** "worker" or "process" (sandboxed). */
  get runtimeKind(): PluginRuntime['kind'] {
    return this.options.sandbox ? 'process' : 'worker';
  }

  /** What the plugin cost over the last minute, oldest first (one sample per heartbeat while it runs). */
  resourceSamples(now = Date.now()): readonly ResourceSample[] {
    return this.resources.recent(now);
  }

  /**
   * Writes a heap snapshot of the running worker thread to `file` (the memory report's
   * diagnostics); false when there is none to take (not running, or a sandboxed process).
   */
  async heapSnapshot(file: string): Promise<boolean> {
    const take = this.state.kind === 'running' ? this.worker?.heapSnapshot : undefined;
    if (take === undefined) return false;
    await take(file);
    return true;
  }

  /** The user disabled the plugin (Plugins dialog): stopped, its accounts show why, until enabled. */
  async disableByUser(): Promise<void> {
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.disable(undefined, { kind: 'not-supported', message: 'The plugin is disabled (Plugins dialog).' });
    await worker?.terminate();
  }

  /** Starts a disabled, crashed or running plugin afresh, with its crash count reset. */
  async restart(): Promise<PluginManifest> {
    clearTimeout(this.restartTimer);
    clearInterval(this.heartbeat);
    const worker = this.worker;
    this.worker = undefined;
    this.failPending({ kind: 'internal', message: 'The plugin is restarting.' });
    await worker?.terminate();
    this.crashTimes = [];
    this.stopped = false;
    return this.start();
  }

  /** Starts the worker and resolves with the plugin's manifest once it is loaded. */
  start(): Promise<PluginManifest> {
    const ready = new Promise<PluginManifest>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    this.spawn();
    return ready;
  }

  /**
   * Takes a manifest read at an earlier start (manifestCache.ts) instead of starting the
   * worker to ask for it: the plugin is idle until its first connection starts it.
   */
  startIdle(manifest: PluginManifest): PluginManifest {
    this.setState({ kind: 'idle', manifest });
    return manifest;
  }

  /**
   * Stops the worker after `delayMs` unless an account needs it by then (after loading,
   * for plugins no enabled account uses: they were started only to read the manifest).
   */
  releaseUnlessNeeded(delayMs?: number): void {
    this.demand.idleAfter(delayMs);
  }

  /** Starts an idle worker again; what is posted meanwhile waits in its port until it listens. */
  createConnection(accountId: string, settings: Readonly<Record<string, AccountFieldValue>>, dataDir: string): void {
    this.demand.add(accountId);
    if (!this.worker && this.state.kind === 'idle' && !this.stopped) this.spawn();
    this.post({ type: 'create', accountId, settings, dataDir });
  }

  destroyConnection(accountId: string): void {
    this.demand.drop(accountId);
    this.post({ type: 'destroy', accountId });
  }

  /**
   * Calls a connection method with its typed arguments and resolves with its result, checked
   * with the SDK's result schema (the plugin is untrusted); rejects with a {@link PluginCallError}.
   */
  call<M extends ConnectionMethod>(accountId: string, method: M, args: ConnectionArgs<M>, timeoutMs = 60_000): Promise<ConnectionResult<M>> {
    if (this.state.kind === 'crashed' || this.state.kind === 'disabled') return Promise.reject(new PluginCallError(this.state.error));
    if (!this.worker) return Promise.reject(new PluginCallError({ kind: 'internal', message: 'The account has no connection in its plugin.' }));
    const result = this.send(accountId, method, args, timeoutMs).then((value) => {
      const checked = checkConnectionResult(method, value);
      if (!checked.ok) throw new PluginCallError({ kind: 'protocol', message: `The plugin answered ${method} with data Switchboard cannot use (${checked.problem}).` });
      return checked.value;
    });
    // A connection that is disconnected or failed to connect no longer needs the worker.
    if (method === 'disconnect') void result.finally(() => this.demand.drop(accountId)).catch(() => undefined);
    if (method === 'connect') result.catch(() => this.demand.drop(accountId));
    return result;
  }

  /** Posts a call (a starting worker reads it once it has loaded the plugin). */
  private send<M extends ConnectionMethod>(accountId: string, method: M, args: ConnectionArgs<M>, timeoutMs: number): Promise<unknown> {
    const callId = this.nextCallId++;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(callId);
        reject(new PluginCallError({ kind: 'network', message: `The plugin did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.` }));
      }, timeoutMs);
      this.pending.set(callId, { resolve, reject, timer });
      this.post({ type: 'call', callId, accountId, method, args });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.demand.reset();
    clearTimeout(this.restartTimer);
    clearInterval(this.heartbeat);
    this.failPending({ kind: 'internal', message: 'Switchboard is shutting down.' });
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private spawn(): void {
    const spec = {
      entry: this.options.entry, runtimeEntry: this.options.workerEntry,
      maxHeapMb: this.options.maxHeapMb ?? 512, maxYoungMb: this.options.maxYoungMb ?? 16,
    };
    const sandbox = this.options.sandbox;
    const worker = sandbox ? sandbox.spawn(spec, sandbox.grant) : startWorkerRuntime(spec);
    this.worker = worker;
    const unwatch = worker.busyMs ? this.meter.watchThread(worker.busyMs) : () => undefined;
    this.resources.clear();
    this.setState({ kind: 'starting' });
    const startTimer = setTimeout(() => {
      if (this.worker === worker && this.state.kind === 'starting') {
        this.crashed(worker, { kind: 'internal', message: 'The plugin did not start within 20 s.' });
      }
    }, this.options.startTimeoutMs ?? 20_000);
    worker.onMessage((message: WorkerToCore) => {
      if (this.worker !== worker) return;
      this.receive(worker, message, startTimer);
    });
    worker.onExit((exit) => {
      clearTimeout(startTimer);
      unwatch();
      const message = exit.outOfMemory
        ? `The plugin used more than ${spec.maxHeapMb} MB of memory and was stopped.`
        : exit.error !== undefined ? `The plugin crashed: ${exit.error}` : `The plugin stopped unexpectedly (${exit.reason}).`;
      this.crashed(worker, { kind: 'internal', message });
    });
  }

  private receive(worker: PluginRuntime, message: WorkerToCore, startTimer: NodeJS.Timeout): void {
    switch (message.type) {
      case 'ready':
        clearTimeout(startTimer);
        if (!this.demand.needed) this.demand.idleAfter();
        this.startHeartbeat(worker);
        this.setState({ kind: 'running', manifest: message.manifest });
        for (const waiter of this.readyWaiters.splice(0)) waiter.resolve(message.manifest);
        return;
      case 'load-failed':
        clearTimeout(startTimer);
        this.disable(worker, { kind: 'internal', message: `The plugin could not be loaded: ${message.error.message}` });
        return;
      case 'result': {
        const pending = this.pending.get(message.callId);
        if (!pending) return;
        this.pending.delete(message.callId);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new PluginCallError(message.error));
        return;
      }
      case 'events': {
        const started = this.meter.begin();
        try {
          this.listener.events(message.items);
        } finally {
          this.meter.end('receive', started);
        }
        return;
      }
      case 'log':
        this.listener.log(message.level, message.message, message.accountId);
        return;
      case 'pong':
        if (message.id === this.lastPing.id) this.lastPing.answered = true;
        if (message.usage) this.resources.add(worker.measure(message.usage, Date.now()));
        return;
      case 'storage':
        this.listener.storage(message.accountId, message.request).then(
          (value) => { if (this.worker === worker) this.post({ type: 'storage-result', requestId: message.requestId, ok: true, value: value ?? null }); },
          (error: unknown) => {
            if (this.worker !== worker) return;
            this.post({ type: 'storage-result', requestId: message.requestId, ok: false, message: error instanceof Error ? error.message : String(error) });
          },
        );
        return;
    }
  }

  /**
   * A worker stuck in a loop never answers: it is treated as crashed and restarted. The
   * check is lenient (an unanswered ping older than the timeout) so a busy but healthy
   * plugin on a loaded machine is not killed.
   */
  private startHeartbeat(worker: PluginRuntime): void {
    clearInterval(this.heartbeat);
    const interval = this.options.heartbeatIntervalMs ?? 5000;
    const timeout = this.options.heartbeatTimeoutMs ?? 30_000;
    this.lastPing = { id: 0, sentAt: Date.now(), answered: true };
    this.heartbeat = setInterval(() => {
      if (this.worker !== worker) return;
      if (!this.lastPing.answered) {
        if (Date.now() - this.lastPing.sentAt > timeout) {
          this.crashed(worker, { kind: 'internal', message: `The plugin stopped responding for more than ${Math.round(timeout / 1000)} s.` });
        }
        return;
      }
      this.lastPing = { id: this.lastPing.id + 1, sentAt: Date.now(), answered: false };
      this.post({ type: 'ping', id: this.lastPing.id });
    }, interval);
    this.heartbeat.unref();
  }

  private crashed(worker: PluginRuntime, error: ProtocolErrorData): void {
    if (this.worker !== worker || this.stopped) return;
    clearInterval(this.heartbeat);
    this.worker = undefined;
    void worker.terminate();
    this.failPending(error);
    const now = Date.now();
    const window = this.options.crashWindowMs ?? 5 * 60_000;
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < window), now];
    const maxCrashes = this.options.maxCrashes ?? 5;
    if (this.crashTimes.length >= maxCrashes) {
      this.disable(undefined, { kind: 'internal', message: `${error.message} It crashed ${this.crashTimes.length} times in a row and has been disabled.` });
      return;
    }
    const delay = Math.min(30_000, 500 * 2 ** (this.crashTimes.length - 1));
    this.setState({ kind: 'crashed', error, restartAt: now + delay });
    this.restartTimer = setTimeout(() => this.spawn(), delay);
  }

  /** Nothing has needed the worker for a while: stop it (no crash, no restart) until the next connection. */
  private idle(): void {
    if (this.state.kind !== 'running' || this.pending.size > 0) {
      // Starting, or still answering a call: look again later.
      if (this.state.kind === 'running' || this.state.kind === 'starting') this.demand.idleAfter();
      return;
    }
    const worker = this.worker;
    this.worker = undefined;
    clearInterval(this.heartbeat);
    void worker?.terminate();
    this.resources.clear();
    this.setState({ kind: 'idle', manifest: this.state.manifest });
  }

  private disable(worker: PluginRuntime | undefined, error: ProtocolErrorData): void {
    this.demand.reset();
    this.resources.clear();
    clearInterval(this.heartbeat);
    if (worker) {
      this.worker = undefined;
      void worker.terminate();
    }
    this.failPending(error);
    this.setState({ kind: 'disabled', error });
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(new PluginCallError(error));
  }

  private failPending(error: ProtocolErrorData): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new PluginCallError(error));
    }
    this.pending.clear();
  }

  private setState(state: PluginHostState): void {
    this.state = state;
    this.listener.stateChanged(state);
  }

  private post(message: CoreToWorker): void {
    this.worker?.post(message);
  }
}
