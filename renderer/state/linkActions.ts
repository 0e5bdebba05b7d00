/**
 * Links that open Switchboard, in the window: read one (the core's links.resolve), show
 * the question, and once the user confirms, do it with the ordinary actions (join a room,
 * open a chat, add a contact). Nothing happens without the confirm.
 */
import type { LinkResolution } from '../../electron/bridge/linkSchemas.js';
import { errorMessage, type ActionContext } from './actionContext.js';
import type { ConversationActions } from './conversationActions.js';
import type { BuddyActions } from './buddyActions.js';
import { setDraftText } from './drafts.js';
import { i18n } from '../i18n/index.js';

/** As the core's reader (electron/core/links/linkText.ts), which refuses longer links. */
const MAX_LINK_LENGTH = 4096;

export interface LinkActions {
  /** Reads a link and asks the user about it. */
  askAboutLink(uri: string): Promise<void>;
  /** Asks about the links the system handed to the app (links.take): the newest one. */
  takeLinks(): Promise<void>;
  /** Does what the link asks, with this account. */
  confirmLink(resolution: LinkResolution, accountId: string, password?: string): Promise<void>;
  /** "Add account", prefilled with what the link tells of the server; once an account is added, the link asks again. */
  addAccountForLink(resolution: LinkResolution): void;
}

type Deps = Pick<ConversationActions, 'showOpened' | 'openDirect'> & Pick<BuddyActions, 'addContact'> & {
  readonly openServerConsole: (accountId: string) => void;
};

export function createLinkActions(context: ActionContext, deps: Deps): LinkActions {
  const { client, stores } = context;
  const ask = (resolution: LinkResolution): void => stores.ui.setState({ dialog: { kind: 'link', resolution } });
  const askAboutLink = async (uri: string): Promise<void> => {
    try {
      // One character past the reader's limit is enough for it to refuse a longer link in words.
      ask(await client().request('links.resolve', { uri: uri.slice(0, MAX_LINK_LENGTH + 1) }));
    } catch (error) {
      ask({ uri: uri.slice(0, MAX_LINK_LENGTH), parsed: { ok: false, reason: i18n.t('linkWording.unreadable', { error: errorMessage(error) }) }, accounts: [] });
    }
  };
  return {
    askAboutLink,
    takeLinks: async () => {
      const newest = (await client().request('links.take', {})).at(-1);
      if (newest) ask(newest);
    },
    confirmLink: async (resolution, accountId, password) => {
      if (!resolution.parsed.ok) return;
      const { action } = resolution.parsed;
      switch (action.kind) {
        case 'join-room': {
          const key = action.password ?? (password !== undefined && password !== '' ? password : undefined);
          // The link's nick (XMPP: the JID's resource) too, which the Join room dialog does not ask for.
          deps.showOpened(await client().request('conversations.joinRoom', {
            accountId, room: action.room, ...(key !== undefined ? { password: key } : {}), ...(action.nick !== undefined ? { nick: action.nick } : {}),
            ...(action.via !== undefined && action.via.length > 0 ? { via: action.via } : {}),
          }));
          return;
        }
        case 'open-chat': {
          const conversation = await deps.openDirect(accountId, action.contactId);
          const { body } = action;
          if (body !== undefined) stores.drafts.setState(setDraftText(stores.drafts.getState(), conversation.id, body));
          return;
        }
        case 'add-contact':
          await deps.addContact({ accountId, contactId: action.contactId, displayName: action.name ?? '', group: action.group ?? '' });
          return;
        case 'open-server':
          deps.openServerConsole(accountId);
          return;
      }
    },
    addAccountForLink: (resolution) => {
      const prefill = resolution.newAccount;
      const before = new Set(stores.accounts.getState().list.map((account) => account.id));
      stores.ui.setState({ dialog: prefill ? { kind: 'account', prefill } : { kind: 'account' } });
      // When the account dialog closes with an account saved, the link asks again, now with it.
      const stop = stores.ui.subscribe((state) => {
        if (state.dialog?.kind === 'account') return;
        stop();
        if (state.dialog === null && stores.accounts.getState().list.some((account) => !before.has(account.id))) void askAboutLink(resolution.uri);
      });
    },
  };
}
