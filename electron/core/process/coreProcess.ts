/**
 * The core in its own process (the desktop app's utilityProcess): the same createCore and
 * host options headless mode starts (hostStartup.ts), served to the main process over one
 * message port. Bridge sessions are opened per window by the main process and their frames
 * pass through as they are; secrets are asked of the main process (secretsChannel.ts); the
 * system's idle time arrives every few seconds. coreProcessMain.ts connects this to the
 * real port; tests run it over a `child_process.fork` or in-process.
 */
import type { BridgeSession } from '../bridge/bridgeSession.js';
import { createCore, type Core } from '../createCore.js';
import { hostCoreOptions } from '../hostStartup.js';
import { ProfileDatabaseError } from '../profile/profileDatabase.js';
import { explainStartupFailure } from '../profile/startupFailure.js';
import type { IdleSource } from '../status/idleSource.js';
import type { CoreProcessStart, CoreShownState, CoreToHost, HostToCore, MessagePortLike } from './coreProcessProtocol.js';
import { remoteSecretStore, type SecretsReply, type SecretsRequest } from './secretsChannel.js';

export interface CoreProcessOptions {
  readonly log: (line: string) => void;
  /** Called once the core closed and the main process was told: the process may end. */
  readonly exit: () => void;
  /** This machine's clock (tests). */
  readonly now?: () => number;
}

/** The system's idle time as last reported, aged by the time since the report. */
function reportedIdle(now: () => number): IdleSource & { report(idleMs: number): void } {
  let idleMs = 0;
  let at = now();
  return {
    report: (ms) => { idleMs = ms; at = now(); },
    idleMs: () => idleMs + Math.max(0, now() - at),
  };
}

export function runCoreProcess(port: MessagePortLike<CoreToHost, HostToCore>, options: CoreProcessOptions): void {
  const { log } = options;
  const idle = reportedIdle(options.now ?? Date.now);
  const sessions = new Map<number, BridgeSession>();
  const pendingSecrets = new Map<number, (reply: SecretsReply) => void>();
  let nextSecretsId = 1;
  const askSecrets = (request: SecretsRequest): Promise<SecretsReply> => new Promise((resolve) => {
    const id = nextSecretsId++;
    pendingSecrets.set(id, resolve);
    port.post({ kind: 'secrets.request', id, request });
  });
  const secretStore = remoteSecretStore(askSecrets);
  let core: Core | undefined;
  let starting = false;

  const shown = (running: Core): CoreShownState => ({ preferences: running.preferences.get(), unread: running.unread.get(), status: running.globalStatus.get() });

  const start = async (request: CoreProcessStart): Promise<void> => {
    if (core || starting) return;
    starting = true;
    try {
      const running = await createCore(hostCoreOptions({
        distDir: request.distDir, profileDir: request.profileDir, secretStore, log, idleSource: idle,
        ...(request.downloadsDir !== undefined ? { downloadsDir: request.downloadsDir } : {}),
        ...(request.databaseRepair ? { databaseRepair: request.databaseRepair } : {}),
      }));
      core = running;
      const changed = (): void => { port.post({ kind: 'state', state: shown(running) }); };
      running.preferences.onChange(changed);
      running.unread.onChange(changed);
      running.globalStatus.onChange(changed);
      port.post({ kind: 'started', pluginFailures: running.pluginFailures, state: shown(running) });
    } catch (error) {
      const repairs = error instanceof ProfileDatabaseError ? error.choices : [];
      const detail = error instanceof Error ? error.message : String(error);
      port.post({ kind: 'start.failed', failure: { words: explainStartupFailure(error, request.profileDir), detail, repairs } });
    } finally {
      starting = false;
    }
  };

  const close = async (): Promise<void> => {
    for (const session of sessions.values()) session.close();
    sessions.clear();
    try {
      await core?.close();
    } catch (error) {
      log(`core did not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
    }
    core = undefined;
    port.post({ kind: 'closed' });
    options.exit();
  };

  port.onMessage((message) => {
    switch (message.kind) {
      case 'start': void start(message.start); return;
      case 'secrets.reply': {
        const resolve = pendingSecrets.get(message.id);
        pendingSecrets.delete(message.id);
        resolve?.(message.reply);
        return;
      }
      case 'idle': idle.report(message.idleMs); return;
      case 'close': void close(); return;
      default:
    }
    if (!core) {
      log(`core process: ${message.kind} before the core started, dropped`);
      return;
    }
    const running = core;
    switch (message.kind) {
      case 'session.open': {
        const id = message.session;
        sessions.get(id)?.close();
        sessions.set(id, running.bridge.openSession((frame) => { port.post({ kind: 'session.frame', session: id, frame }); }));
        return;
      }
      case 'session.frame': sessions.get(message.session)?.receive(message.frame); return;
      case 'session.close': sessions.get(message.session)?.close(); sessions.delete(message.session); return;
      case 'network.available': running.networkAvailable(); return;
      case 'link.open': running.openLink(message.uri); return;
      case 'status.set': running.globalStatus.set(message.status); return;
    }
  });
}
