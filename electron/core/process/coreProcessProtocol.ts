/**
 * The messages between the desktop app's main process and the core's own process (an
 * Electron utilityProcess; a `child_process.fork` in tests). Bridge frames pass through
 * untouched, per session, exactly as headless mode's WebSocket carries them; besides them
 * only what the main process owns crosses: its start options, the tray's status and unread
 * count, the network and idle signals, links, and the keychain (secretsChannel.ts).
 * Both ends are ours and structured-clone the messages; the bridge frames themselves are
 * validated by the core's bridge session, as from any transport.
 */
import type { ServerFrame } from '../../bridge/frames.js';
import type { Preferences } from '../../bridge/preferences.js';
import type { UserStatus } from '../../bridge/userStatus.js';
import type { SecretsReply, SecretsRequest } from './secretsChannel.js';

/** A database answer the user may choose after a failed start (profileDatabase.ts's DatabaseRepair). */
export type CoreRepair = 'recover' | 'restore-backup' | 'start-fresh';

/** What the main process tells the core to start with: its paths, nothing it must keep itself. */
export interface CoreProcessStart {
  /** The build's output folder (dist/), as the main process found it. */
  readonly distDir: string;
  readonly profileDir: string;
  readonly downloadsDir?: string;
  readonly databaseRepair?: CoreRepair;
}

/** Why the core could not start, in words (startupFailure.ts), and the repairs the user may choose. */
export interface CoreStartFailure {
  readonly words: string;
  /** The database's own message, shown with the repair choices. */
  readonly detail: string;
  /** Empty unless the database could not be used as it is. */
  readonly repairs: readonly CoreRepair[];
}

/** What the host shows outside the window, sent at start and on each change. */
export interface CoreShownState {
  readonly preferences: Preferences;
  readonly unread: number;
  readonly status: UserStatus;
}

export type HostToCore =
  | { readonly kind: 'start'; readonly start: CoreProcessStart }
  | { readonly kind: 'session.open'; readonly session: number }
  | { readonly kind: 'session.frame'; readonly session: number; readonly frame: unknown }
  | { readonly kind: 'session.close'; readonly session: number }
  | { readonly kind: 'network.available' }
  | { readonly kind: 'link.open'; readonly uri: string }
  | { readonly kind: 'status.set'; readonly status: UserStatus }
  /** The system's idle time, sent every few seconds (the core's IdleSource is read synchronously). */
  | { readonly kind: 'idle'; readonly idleMs: number }
  | { readonly kind: 'secrets.reply'; readonly id: number; readonly reply: SecretsReply }
  | { readonly kind: 'close' };

export type CoreToHost =
  | { readonly kind: 'started'; readonly pluginFailures: readonly { readonly dir: string; readonly reason: string }[]; readonly state: CoreShownState }
  | { readonly kind: 'start.failed'; readonly failure: CoreStartFailure }
  | { readonly kind: 'session.frame'; readonly session: number; readonly frame: ServerFrame }
  | { readonly kind: 'state'; readonly state: CoreShownState }
  | { readonly kind: 'secrets.request'; readonly id: number; readonly request: SecretsRequest }
  | { readonly kind: 'closed' };

/** One end of the channel: posts to the other side, and hears what it posts. */
export interface MessagePortLike<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
