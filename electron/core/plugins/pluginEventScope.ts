/**
 * Plugins are third-party code, and a plugin's worker can post anything to the core: an
 * event is admitted only when it is for an account of the plugin that sent it, and every
 * core id it quotes belongs to that account (local message ids in confirmations, failures,
 * echoes and upload progress; download ids; open request ids). Conversation, contact and
 * message network ids need no check here: the core looks them up within the event's own
 * account, so another account's are simply not found. A violation is dropped, logged and
 * counted on the plugin (its host's `violationCount`, shown by `plugins.list`).
 */
import type { ProtocolEvent } from '../../../protocols/api/index.js';

/** Who owns what, as the core knows it. Undefined: no such thing (or no longer). */
export interface OwnershipLookup {
  /** The plugin an account runs on. */
  pluginOfAccount(accountId: string): string | undefined;
  /** The account a stored message belongs to, by its local id. */
  accountOfMessage(messageId: number): string | undefined;
  /** The account whose attachment a download in progress fetches. */
  accountOfDownload(downloadId: string): string | undefined;
  /** Accounts on which a request with this id is open. */
  accountsWithRequest(requestId: string): readonly string[];
}

export type ScopedItem = { readonly accountId: string; readonly event: ProtocolEvent };

export class PluginEventScope {
  constructor(
    private readonly owns: OwnershipLookup,
    private readonly violation: (pluginId: string, accountId: string, what: string) => void,
  ) {}

  /** The items of a batch from `pluginId` that it may send; the rest are reported as violations. */
  admit(pluginId: string, items: readonly ScopedItem[]): ScopedItem[] {
    // A worker can post anything: what is not a list of objects is not events.
    if (!Array.isArray(items)) return [];
    return items.filter((item: unknown): item is ScopedItem => {
      if (typeof item !== 'object' || item === null) return false;
      const { accountId, event } = item as Record<string, unknown>;
      if (typeof event !== 'object' || event === null) return false;
      // An account removed a moment ago may still have events on their way: dropped, not held against the plugin.
      if (typeof accountId !== 'string' || this.owns.pluginOfAccount(accountId) === undefined) return false;
      const problem = this.problem(pluginId, item as ScopedItem);
      if (problem !== undefined) this.violation(pluginId, accountId, problem);
      return problem === undefined;
    });
  }

  /** Whether `pluginId` may read or write the durable storage of `accountId`. */
  mayUseStorage(pluginId: string, accountId: string): boolean {
    const owner = this.owns.pluginOfAccount(accountId);
    if (owner === pluginId) return true;
    this.violation(pluginId, accountId, 'used the storage of an account of another plugin');
    return false;
  }

  private problem(pluginId: string, { accountId, event }: ScopedItem): string | undefined {
    if (this.owns.pluginOfAccount(accountId) !== pluginId) return `sent ${describe(event)} for an account of another plugin`;
    const localId = quotedLocalId(event);
    if (localId !== undefined) {
      const id = Number(localId);
      const messageAccount = Number.isSafeInteger(id) ? this.owns.accountOfMessage(id) : undefined;
      if (messageAccount !== undefined && messageAccount !== accountId) return `quoted a message of another account in ${describe(event)}`;
    }
    if (event.type === 'download.progress' && typeof event.downloadId === 'string') {
      const downloadAccount = this.owns.accountOfDownload(event.downloadId);
      if (downloadAccount !== undefined && downloadAccount !== accountId) return 'reported progress of another account\'s download';
    }
    if (event.type === 'request.closed' && typeof event.requestId === 'string') {
      const open = this.owns.accountsWithRequest(event.requestId);
      if (open.length > 0 && !open.includes(accountId)) return 'closed a request of another account';
    }
    return undefined;
  }
}

/** The local message id an event settles or reports on, if any. */
function quotedLocalId(event: ProtocolEvent): unknown {
  switch (event.type) {
    case 'message.confirmed':
    case 'message.failed':
    case 'upload.progress':
      return event.localId;
    case 'message.received':
    case 'message.decrypted': {
      // Not yet checked by the event guard: any shape.
      const message: unknown = event.message;
      if (typeof message !== 'object' || message === null) return undefined;
      return Reflect.get(message, 'fromSelf') === true ? Reflect.get(message, 'localId') : undefined;
    }
    default:
      return undefined;
  }
}

function describe(event: ProtocolEvent): string {
  const type: unknown = event.type;
  return typeof type === 'string' ? `a ${type.slice(0, 64)} event` : 'an event';
}
