/**
 * The main process's side of the core's own process: it looks like the core to the rest of
 * the shell (a BridgeEndpoint for the IPC transport, the preferences, unread count and
 * global status for the tray and menus, links, network wake-ups, close) and turns each of
 * those into messages (electron/core/process/coreProcessProtocol.ts). It also answers the
 * core's secrets requests from the keychain and reports the system's idle time.
 *
 * Written against a child with `postMessage`, `on('message')` and `on('exit')`: exactly
 * Electron's UtilityProcess; tests use a `child_process.fork` adapted to the same shape.
 */
import type { BridgeEndpoint, BridgeSession } from '../core/bridge/bridgeSession.js';
import type { CoreProcessStart, CoreRepair, CoreShownState, CoreToHost, HostToCore } from '../core/process/coreProcessProtocol.js';
import { answerSecretsRequest } from '../core/process/secretsChannel.js';
import type { SecretStore } from '../core/secrets/secretStore.js';
import type { ServerFrame } from '../bridge/frames.js';
import { preferenceKeys, type PreferenceKey, type Preferences } from '../bridge/preferences.js';
import type { UserStatus } from '../bridge/userStatus.js';

/** The parts of Electron's UtilityProcess used here. */
export interface CoreChildLike {
  postMessage(message: HostToCore): void;
  on(event: 'message', listener: (message: CoreToHost) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** What the shell uses of the core (the in-process Core had the same shape). */
export interface ShellCore {
  readonly bridge: BridgeEndpoint;
  readonly preferences: { get(): Preferences; onChange(listener: (preferences: Preferences, changed: ReadonlySet<PreferenceKey>) => void): () => void };
  readonly unread: { get(): number; onChange(listener: (total: number) => void): () => void };
  readonly globalStatus: { get(): UserStatus; set(status: UserStatus): void; onChange(listener: (status: UserStatus) => void): () => void };
  readonly pluginFailures: readonly { readonly dir: string; readonly reason: string }[];
  networkAvailable(): void;
  openLink(uri: string): void;
  /** Closes the core (outbox and store flushed, accounts disconnected); resolves when its process said so or ended. */
  close(): Promise<void>;
}

/** The core could not start: the words for the user, and the database repairs they may choose. */
export class CoreStartError extends Error {
  override readonly name = 'CoreStartError';
  constructor(readonly words: string, readonly detail: string, readonly repairs: readonly CoreRepair[]) {
    super(words);
  }
}

export interface CoreProcessOptions {
  readonly child: CoreChildLike;
  /** The keychain: the core's secrets requests are answered from it. */
  readonly secretStore: SecretStore;
  /** The system's idle time in milliseconds, reported to the core every `idleReportMs`. */
  readonly idleMs?: () => number;
  readonly idleReportMs?: number;
  /** The core's process ended while it was meant to run (a crash): the shell tells the user. */
  readonly onUnexpectedExit: (code: number) => void;
  readonly log: (line: string) => void;
}

export interface CoreProcess {
  /** Starts the core; rejects with a CoreStartError the user may answer with a repair (start again). */
  start(start: CoreProcessStart): Promise<ShellCore>;
}

type Listener<T> = (value: T) => void;

function listeners<T>(): { add: (listener: Listener<T>) => () => void; emit: (value: T) => void } {
  const set = new Set<Listener<T>>();
  return {
    add: (listener) => { set.add(listener); return () => { set.delete(listener); }; },
    emit: (value) => { for (const listener of [...set]) listener(value); },
  };
}

/** The preferences whose value differs (each arrives as a fresh copy across the process boundary). */
function changedKeys(before: Preferences | undefined, after: Preferences): ReadonlySet<PreferenceKey> {
  return new Set(before === undefined ? [] : preferenceKeys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])));
}

export function connectCoreProcess(options: CoreProcessOptions): CoreProcess {
  const { child, log } = options;
  const sessions = new Map<number, (frame: ServerFrame) => void>();
  let nextSession = 1;
  let state: CoreShownState | undefined;
  const changes = { preferences: listeners<readonly [Preferences, ReadonlySet<PreferenceKey>]>(), unread: listeners<number>(), status: listeners<UserStatus>() };
  let pendingStart: { resolve: (core: ShellCore) => void; reject: (error: Error) => void } | undefined;
  let closing: (() => void) | undefined;
  let closed = false;
  let idleTimer: NodeJS.Timeout | undefined;

  const post = (message: HostToCore): void => {
    if (!closed) child.postMessage(message);
  };

  const setState = (next: CoreShownState): void => {
    const before = state;
    state = next;
    const changed = changedKeys(before?.preferences, next.preferences);
    if (changed.size > 0) changes.preferences.emit([next.preferences, changed]);
    if (before?.unread !== next.unread) changes.unread.emit(next.unread);
    if (before?.status !== next.status) changes.status.emit(next.status);
  };

  const current = (): CoreShownState => {
    if (!state) throw new Error('The core has not started.');
    return state;
  };

  const bridge: BridgeEndpoint = {
    openSession(send): BridgeSession {
      const session = nextSession++;
      sessions.set(session, send);
      post({ kind: 'session.open', session });
      return {
        receive: (frame) => { post({ kind: 'session.frame', session, frame }); },
        close: () => {
          if (!sessions.delete(session)) return;
          post({ kind: 'session.close', session });
        },
      };
    },
  };

  const finish = (): void => {
    closed = true;
    if (idleTimer) clearInterval(idleTimer);
    sessions.clear();
    closing?.();
  };

  const core = (pluginFailures: ShellCore['pluginFailures']): ShellCore => ({
    bridge,
    pluginFailures,
    preferences: { get: () => current().preferences, onChange: (listener) => changes.preferences.add(([preferences, changed]) => { listener(preferences, changed); }) },
    unread: { get: () => current().unread, onChange: changes.unread.add },
    globalStatus: {
      get: () => current().status,
      set: (status) => { post({ kind: 'status.set', status }); },
      onChange: changes.status.add,
    },
    networkAvailable: () => { post({ kind: 'network.available' }); },
    openLink: (uri) => { post({ kind: 'link.open', uri }); },
    close: () => new Promise<void>((resolve) => {
      if (closed) { resolve(); return; }
      closing = resolve;
      post({ kind: 'close' });
    }),
  });

  child.on('message', (message) => {
    switch (message.kind) {
      case 'session.frame': sessions.get(message.session)?.(message.frame); return;
      case 'state': setState(message.state); return;
      case 'secrets.request':
        void answerSecretsRequest(options.secretStore, message.request).then((reply) => { post({ kind: 'secrets.reply', id: message.id, reply }); });
        return;
      case 'started': {
        setState(message.state);
        const idleMs = options.idleMs;
        if (idleMs) {
          post({ kind: 'idle', idleMs: idleMs() });
          idleTimer = setInterval(() => { post({ kind: 'idle', idleMs: idleMs() }); }, options.idleReportMs ?? 5_000);
          idleTimer.unref();
        }
        pendingStart?.resolve(core(message.pluginFailures));
        pendingStart = undefined;
        return;
      }
      case 'start.failed':
        pendingStart?.reject(new CoreStartError(message.failure.words, message.failure.detail, message.failure.repairs));
        pendingStart = undefined;
        return;
      case 'closed': finish(); return;
    }
  });

  child.on('exit', (code) => {
    // Before `started` the start's own rejection tells the user; after `close` it was asked for.
    const expected = closing !== undefined || state === undefined;
    finish();
    pendingStart?.reject(new CoreStartError(`The core's process ended while starting (exit code ${code}).`, '', []));
    pendingStart = undefined;
    if (!expected) {
      log(`the core's process ended unexpectedly (exit code ${code})`);
      options.onUnexpectedExit(code);
    }
  });

  return {
    start: (start) => new Promise<ShellCore>((resolve, reject) => {
      pendingStart = { resolve, reject };
      post({ kind: 'start', start });
    }),
  };
}
