/** What every group of actions works with: the stores, the current bridge client, the platform. */
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { conversationCapabilities, type Capabilities } from './capabilities.js';
import { browserNotifications } from './browserNotifications.js';
import { base64OfDataUrl } from './fileUploads.js';
import type { NotificationHost } from './notificationActions.js';
import type { BridgeApi } from './connection.js';
import type { Stores } from './stores.js';
import { i18n } from '../i18n/index.js';

/** The few things the browser (or Electron) does for the actions; tests hand in fakes. */
export interface Platform {
  /**
   * Opens a link outside the app: `window.open(url, '_blank', 'noopener')`, which the
   * Electron shell intercepts and hands to the system browser; headless mode opens a tab.
   */
  readonly openUrl: (url: string) => void;
  readonly now: () => number;
  /** Reads a file the user picked or dropped, as base64 (FileReader in the browser). */
  readonly readAsBase64: (file: Blob) => Promise<string>;
  /**
   * Headless mode: uploads a file by HTTP and resolves with the id `messages.sendFile`
   * names. Absent in the Electron app, where the bytes go over IPC as base64.
   */
  readonly uploadFile?: (file: Blob) => Promise<string>;
  /** Desktop notifications and the user's choice about them. */
  readonly notifications: NotificationHost;
}

function readWithFileReader(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? base64OfDataUrl(reader.result) : '');
    };
    reader.onerror = () => reject(new Error(reader.error?.message ?? i18n.t('stateErrors.fileUnreadable')));
    reader.readAsDataURL(file);
  });
}

export const browserPlatform: Platform = {
  openUrl: (url) => { window.open(url, '_blank', 'noopener,noreferrer'); },
  now: () => Date.now(),
  readAsBase64: readWithFileReader,
  notifications: browserNotifications,
};

export interface ActionContext {
  readonly stores: Stores;
  readonly platform: Platform;
  /** The connected client; throws a "not connected" bridge error when there is none. */
  readonly client: () => BridgeApi;
  readonly conversation: (conversationId: number) => ConversationView | undefined;
  readonly capabilities: (conversationId: number) => Capabilities;
}

/** Turns any rejection into a sentence for the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof BridgeRequestError) return error.detail.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function createActionContext(stores: Stores, platform: Platform): ActionContext {
  const conversation = (conversationId: number): ConversationView | undefined => stores.conversations.getState().byId.get(conversationId);
  return {
    stores,
    platform,
    client: () => {
      const current = stores.connection.getState().client;
      if (!current) throw new BridgeRequestError({ kind: 'network', message: i18n.t('app.disconnected') });
      return current;
    },
    conversation,
    capabilities: (conversationId) => {
      const found = conversation(conversationId);
      return found ? conversationCapabilities(found, stores.accounts.getState().list, stores.plugins.getState().list) : {};
    },
  };
}
