/**
 * What the user can do, as functions over the stores and the current bridge client. Views
 * call these and render the stores; they hold no business logic of their own.
 */
import type { AccountView, FieldValue } from '../../electron/bridge/schemas.js';
import { browserPlatform, createActionContext, errorMessage, type Platform } from './actionContext.js';
import { inOrder, moveAccount, upsertAccount } from './accounts.js';
import { createAttachmentActions, type AttachmentActions } from './attachmentActions.js';
import { createBuddyActions, type BuddyActions } from './buddyActions.js';
import { createComposerActions, type ComposerActions } from './composerActions.js';
import { createConversationActions, type ConversationActions } from './conversationActions.js';
import { createGapActions, type GapActions } from './gapActions.js';
import { createLinkActions, type LinkActions } from './linkActions.js';
import { createHistoryArchiveActions, type HistoryArchiveActions } from './historyArchiveActions.js';
import { createLogViewerActions, type LogViewerActions } from './logViewerActions.js';
import { createRetentionActions, type RetentionActions } from './retentionActions.js';
import { createNotificationActions, type NotificationActions } from './notificationActions.js';
import { createOutboxActions, type OutboxActions } from './outboxActions.js';
import { createPeopleActions, type PeopleActions } from './peopleActions.js';
import { createPluginManagerActions, type PluginManagerActions } from './pluginManagerActions.js';
import { createPreferenceActions, type PreferenceActions } from './preferenceActions.js';
import { createGroupActions, type GroupActions } from './groupActions.js';
import { createRecoveryActions, type RecoveryActions } from './recoveryActions.js';
import { createMatrixSignInActions, type MatrixSignInActions } from './matrixSignIn.js';
import { createOwnProfileActions, type OwnProfileActions } from './ownProfile.js';
import { createRoomActions, type RoomActions } from './roomActions.js';
import { createSearchActions, type SearchActions } from './searchActions.js';
import { createStatusActions, type StatusActions } from './statusActions.js';
import { createSwitchActions, type SwitchActions } from './switchActions.js';
import { createTabActions, type TabActions } from './tabActions.js';
import type { Stores } from './stores.js';

export { errorMessage };
export type { Platform };

export type Settings = Record<string, FieldValue>;

export interface AccountActions {
  addAccount(pluginId: string, settings: Settings): Promise<AccountView>;
  updateAccount(accountId: string, settings: Settings): Promise<AccountView>;
  removeAccount(accountId: string): Promise<void>;
  connectAccount(accountId: string): Promise<void>;
  disconnectAccount(accountId: string): Promise<void>;
  /** Moves an account up (−1) or down (+1) in the list; the core keeps the order (every window follows). */
  moveAccount(accountId: string, step: number): Promise<void>;
  /** Trusts exactly this certificate for the account (the core pins it and reconnects). */
  trustCertificate(accountId: string, fingerprint256: string): Promise<AccountView>;
  /** Shows the account's server messages in place of the active conversation. */
  openServerConsole(accountId: string): void;
  closeServerConsole(): void;
}

export interface Actions extends AccountActions, ConversationActions, ComposerActions, BuddyActions, OutboxActions, RoomActions, SearchActions,
  AttachmentActions, NotificationActions, PeopleActions, GapActions, PreferenceActions, SwitchActions, LinkActions, StatusActions, GroupActions, HistoryArchiveActions, TabActions,
  LogViewerActions, RetentionActions, PluginManagerActions, RecoveryActions, OwnProfileActions, MatrixSignInActions {}

export function createActions(stores: Stores, platform: Platform = browserPlatform): Actions {
  const context = createActionContext(stores, platform);
  const { client } = context;
  const conversationActions = createConversationActions(context);
  const peopleActions = createPeopleActions(context, (conversation) => conversationActions.showOpened(conversation));
  const buddyActions = createBuddyActions(context);
  const tabActions = createTabActions(context);
  const openServerConsole = (accountId: string): void => stores.ui.setState({ serverConsole: accountId });
  const accountSaved = (account: AccountView): AccountView => {
    stores.accounts.setState({ list: upsertAccount(stores.accounts.getState().list, account) });
    return account;
  };
  return {
    addAccount: async (pluginId, settings) => accountSaved(await client().request('accounts.add', { pluginId, settings })),
    updateAccount: async (accountId, settings) => accountSaved(await client().request('accounts.update', { accountId, settings })),
    removeAccount: async (accountId) => {
      await client().request('accounts.remove', { accountId });
      stores.accounts.setState({ list: stores.accounts.getState().list.filter((account) => account.id !== accountId) });
    },
    connectAccount: async (accountId) => { await client().request('accounts.connect', { accountId }); },
    disconnectAccount: async (accountId) => { await client().request('accounts.disconnect', { accountId }); },
    moveAccount: async (accountId, step) => {
      const before = stores.accounts.getState().list;
      const accountIds = moveAccount(before.map((account) => account.id), accountId, step);
      // Shown at once; the core's accounts.reordered confirms it, a refusal puts it back.
      stores.accounts.setState({ list: inOrder(before, accountIds) });
      try {
        await client().request('accounts.reorder', { accountIds });
      } catch (error) {
        stores.accounts.setState({ list: inOrder(stores.accounts.getState().list, before.map((account) => account.id)) });
        throw error;
      }
    },
    trustCertificate: async (accountId, fingerprint256) => accountSaved(await client().request('accounts.trustCertificate', { accountId, fingerprint256 })),
    openServerConsole,
    closeServerConsole: () => stores.ui.setState({ serverConsole: null }),
    ...conversationActions,
    ...createComposerActions(context),
    ...buddyActions,
    ...peopleActions,
    ...createOutboxActions(context),
    ...createRoomActions(context),
    ...createSearchActions(context, conversationActions),
    ...createAttachmentActions(context),
    ...createGapActions(context),
    ...createPreferenceActions(context),
    ...tabActions,
    ...createSwitchActions(context, { ...conversationActions, ...tabActions, openPerson: (person) => peopleActions.openPerson(person) }),
    ...createStatusActions(context),
    ...createGroupActions(context),
    ...createHistoryArchiveActions(context),
    ...createLogViewerActions(context),
    ...createRetentionActions(context),
    ...createPluginManagerActions(context),
    ...createRecoveryActions(context),
    ...createMatrixSignInActions(context),
    ...createOwnProfileActions(context),
    ...createNotificationActions(context, (conversationId) => conversationActions.activateConversation(conversationId)),
    ...createLinkActions(context, { ...conversationActions, addContact: (contact) => buddyActions.addContact(contact), openServerConsole }),
  };
}
