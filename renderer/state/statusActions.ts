/** Setting the user's status: the core applies it to the accounts and tells every window (status.changed). */
import type { StatusChoice, StatusView, UserStatus } from '../../electron/bridge/userStatus.js';
import type { ActionContext } from './actionContext.js';

export interface StatusActions {
  /** Asks the core for the status (when the window connects). */
  loadStatus(): Promise<void>;
  /** The global status; `savedName` when it came from a saved status (it moves to the top). */
  setStatus(status: UserStatus, message: string, savedName?: string): Promise<void>;
  /** An account's own status, or null to follow the global one again. */
  setAccountStatus(accountId: string, choice: { status: UserStatus; message: string } | null): Promise<void>;
  saveStatus(name: string, status: UserStatus, message: string): Promise<void>;
  forgetSavedStatus(name: string): Promise<void>;
  /** The page saw input: tells the core, which counts idle time from it in headless mode. */
  reportActivity(): void;
}

/** A blank message is left out. */
function choiceOf(status: UserStatus, message: string): StatusChoice {
  const text = message.trim();
  return text === '' ? { status } : { status, message: text };
}

export function createStatusActions(context: ActionContext): StatusActions {
  const { stores, client } = context;
  const show = (view: StatusView): void => stores.status.setState({ view }, true);
  return {
    loadStatus: async () => show(await client().request('status.get', {})),
    setStatus: async (status, message, savedName) => {
      show(await client().request('status.set', { ...choiceOf(status, message), ...(savedName !== undefined ? { savedName } : {}) }));
    },
    setAccountStatus: async (accountId, choice) => {
      show(await client().request('status.setAccount', { accountId, status: choice ? choiceOf(choice.status, choice.message) : null }));
    },
    saveStatus: async (name, status, message) => show(await client().request('status.save', { name, ...choiceOf(status, message) })),
    forgetSavedStatus: async (name) => show(await client().request('status.forget', { name })),
    reportActivity: () => {
      const { status } = stores.connection.getState();
      if (status !== 'connected') return;
      client().request('activity.report', {}).catch(() => undefined); // a lost report only delays "back" to the next input
    },
  };
}
